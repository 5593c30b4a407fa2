using System.IO.Compression;
using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.EpImport;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.EpImport;

/// <summary><c>/admin/import</c> with saved answers uploaded: preview, apply, and every bad input refused with nothing written.</summary>
public sealed class ImportPageTests : IDisposable
{
    private readonly EpFixtureCopy _files = new();
    private readonly MepCmsFactory _app = new();

    public void Dispose()
    {
        _app.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task An_admin_uploads_a_zip_sees_the_preview_and_applies_it()
    {
        var admin = await _app.SignedInAsync(Roles.Admin);

        var preview = await UploadAsync(admin.Client, ("answers.zip", Zip()));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = Html.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Contains("3 new, 0 linked, 0 changed", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("Committee on Economic and Monetary Affairs", page.QuerySelector("main")!.TextContent);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Authors.CountAsync(a => a.EpId != null)));

        var applied = await ApplyAsync(admin.Client, page);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal("/admin/import", applied.Headers.Location!.OriginalString);
        Assert.Contains("3 new", Html.Parse(await (await admin.Client.GetAsync("/admin/import")).Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(3, await _app.WithDbAsync(db => db.Authors.CountAsync(a => a.EpId != null)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.EpImportUploads.CountAsync()));
        var audit = await _app.WithDbAsync(db => db.AuditEntries.FirstAsync(e => e.Action == AuditActions.MepImported));
        Assert.Equal(admin.Email, audit.UserName);
    }

    [Fact]
    public async Task Loose_JSON_LD_files_find_their_place_by_what_they_hold()
    {
        var admin = await _app.SignedInAsync(Roles.Admin);
        var loose = Directory.EnumerateFiles(_files.Root, "*.json", SearchOption.AllDirectories)
            .Select((f, i) => ($"saved-{i}.json", File.ReadAllBytes(f))).ToArray();

        var preview = await UploadAsync(admin.Client, loose);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("3 new", Html.Parse(await preview.Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent);
    }

    [Theory]
    [InlineData("notes.txt", "plain text", "neither JSON-LD")]
    [InlineData("1294.json", "{\"data\": [", "not valid JSON")]
    [InlineData("answers.zip", "PK\u0003\u0004 broken", "not a zip file")]
    [InlineData("events.json", "{\"data\": [{\"type\": \"Event\", \"identifier\": \"1\"}]}", "holds neither")]
    public async Task Files_that_are_not_saved_EP_answers_are_refused_with_a_reason_and_nothing_kept(string name, string content, string reason)
    {
        var admin = await _app.SignedInAsync(Roles.Admin);

        var response = await UploadAsync(admin.Client, (name, System.Text.Encoding.Latin1.GetBytes(content)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(0, await _app.WithDbAsync(db => db.EpImportUploads.CountAsync()));
    }

    [Fact]
    public async Task A_zip_that_unpacks_past_the_limit_is_refused()
    {
        var admin = await _app.SignedInAsync(Roles.Admin);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("meps/1.json", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 51; i++) entry.Write(zeros);
        }

        var response = await UploadAsync(admin.Client, ("bomb.zip", buffer.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than 50 MB once unpacked", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("IdList", "1294, ../etc/passwd", "is not an EP identifier")]
    [InlineData("IdList", "", "Choose at least one MEP")]
    [InlineData("All", "true", "not configured")]
    public async Task A_form_that_names_no_MEP_or_a_bad_identifier_is_refused(string field, string value, string reason)
    {
        var admin = await _app.SignedInAsync(Roles.Admin);

        var response = await admin.Client.PostFormAsync("/admin/import", "/admin/import/preview", new() { [field] = value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_admin_cannot_apply_someone_elses_upload_and_a_stale_preview_is_shown_again()
    {
        var admin = await _app.SignedInAsync(Roles.Admin);
        var other = await _app.SignedInAsync(Roles.Admin);
        var page = Html.Parse(await (await UploadAsync(admin.Client, ("answers.zip", Zip()))).Content.ReadAsStringAsync());

        var stolen = await ApplyAsync(other.Client, page);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Contains("no longer here", await stolen.Content.ReadAsStringAsync());

        var stale = await ApplyAsync(admin.Client, page, fingerprint: "0123456789abcdef0123456789abcdef");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed since your preview", await stale.Content.ReadAsStringAsync());
        Assert.Equal(0, await _app.WithDbAsync(db => db.Authors.CountAsync(a => a.EpId != null)));
    }

    [Fact]
    public async Task Only_admins_see_the_import_in_the_navigation()
    {
        var admin = await _app.SignedInAsync(Roles.Admin);
        var editor = await _app.SignedInAsync(Roles.Editor);

        Assert.Contains("href=\"/admin/import\"", await (await admin.Client.GetAsync("/admin")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("href=\"/admin/import\"", await (await editor.Client.GetAsync("/admin")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Client.GetAsync("/admin/import")).StatusCode);
    }

    private byte[] Zip()
    {
        using var buffer = new MemoryStream();
        ZipFile.CreateFromDirectory(_files.Root, buffer);
        return buffer.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, params (string Name, byte[] Content)[] files)
    {
        var token = await client.AntiforgeryTokenAsync("/admin/import");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, content) in files) form.Add(new ByteArrayContent(content), "files", name);
        return await client.PostAsync("/admin/import/preview", form);
    }

    private static async Task<HttpResponseMessage> ApplyAsync(HttpClient client, AngleSharp.Dom.IDocument preview, string? fingerprint = null)
    {
        var form = preview.QuerySelector("form[action='/admin/import/apply']")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        if (fingerprint is not null) fields["Fingerprint"] = fingerprint;
        fields.Remove("__RequestVerificationToken");
        return await client.PostFormAsync("/admin/import", "/admin/import/apply", fields);
    }
}
