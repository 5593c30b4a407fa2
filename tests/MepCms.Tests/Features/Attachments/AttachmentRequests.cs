using MepCms.Tests.Features.Media;
using MepCms.Tests.Support;
using MepCms.Web.Features.Attachments;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Attachments;

/// <summary>The attachments panel's forms as the browser sends them, and what the app then holds.</summary>
public static class AttachmentRequests
{
    /// <summary>POSTs the panel's "Attach" form with a token scraped from the statement's edit page.</summary>
    public static async Task<HttpResponseMessage> AttachAsync(this StaffMember staff, int articleId, byte[] pdf, string title = "Signed letter to the Commission", string fileName = "letter.pdf")
    {
        var token = await staff.Client.AntiforgeryTokenAsync($"/admin/articles/{articleId}/edit");
        var form = new MultipartFormDataContent
        {
            { MediaRequests.File(pdf, "application/pdf"), "File", fileName }, { new StringContent(title), "Title" }, { new StringContent(token), "__RequestVerificationToken" },
        };
        return await staff.Client.PostAsync($"/admin/articles/{articleId}/attachments", form);
    }

    public static Task<List<ArticleAttachment>> StoredAttachmentsAsync(this MepCmsFactory app, int articleId) =>
        app.WithDbAsync(db => db.ArticleAttachments.AsNoTracking().Where(a => a.ArticleId == articleId).OrderBy(a => a.Position).ToListAsync());

    public static string DocumentsFolder(this MepCmsFactory app) => Path.Combine(app.MediaFolder(), "documents");

    public static string[] StoredDocumentFiles(this MepCmsFactory app) =>
        Directory.Exists(app.DocumentsFolder()) ? [.. Directory.GetFiles(app.DocumentsFolder()).Order()] : [];
}
