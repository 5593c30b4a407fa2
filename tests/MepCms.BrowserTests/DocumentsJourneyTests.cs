using System.Text;
using MepCms.BrowserTests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MepCms.BrowserTests;

/// <summary>An editor attaches the signed letter to a live statement; a file that is no PDF is refused where the panel is; readers download the letter.</summary>
[Collection(SiteCollection.Name)]
public sealed class DocumentsJourneyTests(Site site)
{
    [SkippableFact]
    public async Task An_editor_attaches_a_signed_letter_and_readers_find_it_under_the_statement()
    {
        Chromium.SkipOrFailWhenMissing();
        var (id, slug) = await LiveStatementAsync();
        await using var context = await site.NewContextAsync();
        var editor = await site.SignInAsync(context, Roles.Editor);
        await editor.GotoAsync($"/admin/articles/{id}/edit");
        var panel = editor.Locator("#attachments");

        await panel.GetByLabel("Title (what it is", new() { Exact = false }).FillAsync("Notes");
        await panel.GetByLabel("PDF file").SetInputFilesAsync(new FilePayload { Name = "notes.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("Not a PDF at all.") });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Attach" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("The file is not a PDF document.");

        await panel.GetByLabel("Title (what it is", new() { Exact = false }).FillAsync("Signed letter to the Commission");
        await panel.GetByLabel("PDF file").SetInputFilesAsync(new FilePayload { Name = "scan 7 Oct.pdf", MimeType = "application/pdf", Buffer = Pdf() });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Attach" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("“Signed letter to the Commission” was attached.");
        await Assertions.Expect(panel.Locator(".documents__item")).ToContainTextAsync("PDF,");
        var violations = await Axe.SeriousViolationsAsync(editor);
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        var reader = await context.NewPageAsync();
        await reader.GotoAsync($"/articles/{slug}");
        var link = reader.GetByRole(AriaRole.Region, new() { Name = "Documents" }).GetByRole(AriaRole.Link, new() { Name = "Signed letter to the Commission" });
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await Assertions.Expect(reader.Locator(".statement__document-size")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\(PDF, [\d.]+ (bytes|KB), 1 page\)$"));
        var onThePage = await Axe.SeriousViolationsAsync(reader);
        Assert.True(onThePage.Count == 0, string.Join("\n", onThePage));
        var download = await context.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
        Assert.Equal(200, download.Status);
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        Assert.StartsWith("attachment;", download.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal(Pdf(), await download.BodyAsync());
    }

    private async Task<(int Id, string Slug)> LiveStatementAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var mep = await db.Authors.OrderBy(a => a.Id).FirstAsync();
        var slug = $"documents-{Guid.NewGuid():N}"[..24];
        var now = DateTime.UtcNow;
        var article = new Article
        {
            Title = $"Documents {slug[10..]}", Slug = slug, Lead = "A statement with its letter.", BodyMarkdown = "We wrote to the Commission.", BodyHtml = "<p>We wrote to the Commission.</p>",
            Status = ArticleStatus.Published, PublishAt = now.AddMinutes(-5), WentLiveAt = now.AddMinutes(-5),
            Place = "Brussels", CreatedAt = now, UpdatedAt = now, Authors = [new ArticleAuthor { AuthorId = mep.Id, Position = 0 }],
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return (article.Id, slug);
    }

    /// <summary>A one-page PDF written by hand, its cross-reference table pointing at each object.</summary>
    private static byte[] Pdf()
    {
        const string content = "BT /F1 24 Tf 72 720 Td (Signed letter) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
