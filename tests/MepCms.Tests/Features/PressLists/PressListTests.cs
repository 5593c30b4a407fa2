using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.PressLists;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.PressLists;

/// <summary>Editors keep press lists: by hand, or from a CSV file previewed row by row; exported with formulas defused.</summary>
public sealed class PressListTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task An_import_previews_each_row_then_applies_the_valid_ones_and_nothing_before()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var list = await CreateListAsync(editor);
        await editor.Client.PostFormAsync($"/admin/press-lists/{list}", $"/admin/press-lists/{list}/contacts",
            new() { ["Name"] = "Old Name", ["Outlet"] = "Le Soir", ["Email"] = "known@lesoir.example", ["Languages"] = "fr" });
        const string csv = "Email;Name;Outlet;Languages;Notes\r\n"
            + "new@example.org;Nina New;De Standaard;nl, en;likes data\r\n"
            + "KNOWN@lesoir.example;Karl Known;Le Soir;fr;\r\n"
            + "not an address;Bad Mail;;;\r\n"
            + "\"a@example.org\r\nBcc: victim@example.org\";Header Injection;;;\r\n"
            + "lang@example.org;Bad Language;;xx;\r\n"
            + ";No Address;;;\r\n"
            + "nobody@example.org;;;;\r\n"
            + "new@example.org;Nina Again;;;\r\n"
            + "formula@example.org;=HYPERLINK(\"http://evil.example\");;;\r\n";

        var preview = await UploadAsync(editor, list, csv);
        var storedAfterPreview = await CountAsync(list);
        var page = Html.Parse(await preview.Content.ReadAsStringAsync());
        var results = page.QuerySelectorAll("tbody tr").Select(r => r.Children[1].TextContent).ToList();
        var apply = await editor.Client.PostAsync($"/admin/press-lists/{list}/import/apply", Staff.Form(new() { ["csv"] = page.QuerySelector("input[name=csv]")!.GetAttribute("value")! },
            page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(1, storedAfterPreview);
        Assert.Equal(["New", "Changed", "Error", "Error", "Error", "Error", "Error", "Error", "New"], results);
        Assert.Contains("name: “Old Name” → “Karl Known”", page.Body!.TextContent);
        Assert.Contains("already on an earlier row", page.Body.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        var contacts = await app.WithDbAsync(db => db.PressContacts.Where(c => c.PressListId == list).OrderBy(c => c.EmailKey).ToListAsync());
        Assert.Equal(["formula@example.org", "KNOWN@lesoir.example", "new@example.org"], contacts.Select(c => c.Email)); // as typed
        Assert.Equal(("Nina New", "nl en", "likes data"), (contacts[2].Name, contacts[2].Languages, contacts[2].Notes));
        Assert.Equal("Karl Known", contacts[1].Name);
        Assert.Contains("CSV import: 2 added, 1 changed, 6 row(s) with errors skipped", await app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.EntityId == list.ToString() && e.Action == AuditActions.PressListContactsChanged).OrderBy(e => e.Id).Select(e => e.Summary).LastAsync()));

        // The export defuses the formula; importing the export again changes nothing.
        var export = await editor.Client.GetAsync($"/admin/press-lists/{list}/export");
        var exported = await export.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", exported);
        var again = Html.Parse(await (await UploadAsync(editor, list, exported)).Content.ReadAsStringAsync());
        Assert.All(again.QuerySelectorAll("tbody tr"), r => Assert.Equal("Unchanged", r.Children[1].TextContent));
    }

    [Theory]
    [InlineData("", "Choose a CSV file")]
    [InlineData("just some words\r\nand more", "The first row must name the columns")]
    [InlineData("name,email\r\n\"unterminated,x@example.org\r\n", "")]
    public async Task A_file_that_is_not_a_contact_csv_is_refused_with_a_message_and_nothing_is_stored(string content, string message)
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var list = await CreateListAsync(editor);

        var response = await UploadAsync(editor, list, content);
        var binary = await UploadAsync(editor, list, "name,email\r\n", [0x6E, 0x61, 0xC3, 0x28, 0x0D, 0x0A]);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"{response.StatusCode}");
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Contains("not UTF-8 text", await binary.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync(list));
    }

    [Fact]
    public async Task A_journalist_added_by_hand_is_checked_and_an_address_is_on_a_list_once()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var list = await CreateListAsync(editor);
        Task<HttpResponseMessage> Add(string email, string languages = "") => editor.Client.PostFormAsync($"/admin/press-lists/{list}", $"/admin/press-lists/{list}/contacts",
            new() { ["Name"] = "Jo Journalist", ["Outlet"] = "Agence Europe", ["Email"] = email, ["Languages"] = languages });

        var added = await Add("Jo@Agence.Example", "EN de");
        var twice = await Add("jo@agence.example");
        var injected = await Add("jo@agence.example\r\nBcc: all@example.org");
        var named = await Add("Jo <jo2@agence.example>");
        var language = await Add("jo3@agence.example", "klingon");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("already on the list", await twice.Content.ReadAsStringAsync());
        Assert.Contains("is not one plain e-mail address", await injected.Content.ReadAsStringAsync());
        Assert.Contains("is not one plain e-mail address", await named.Content.ReadAsStringAsync());
        Assert.Contains("is not the code of an official EU language", await language.Content.ReadAsStringAsync());
        var contact = await app.WithDbAsync(db => db.PressContacts.SingleAsync(c => c.PressListId == list));
        Assert.Equal(("Jo@agence.example", "jo@agence.example", "en de"), (contact.Email, contact.EmailKey, contact.Languages));
    }

    [Fact]
    public async Task Lists_are_named_once_and_deleting_one_keeps_what_was_sent()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var list = await CreateListAsync(editor, "Brussels correspondents");
        var same = await editor.Client.PostFormAsync("/admin/press-lists", "/admin/press-lists", new() { ["Name"] = "Brussels correspondents" });
        var article = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddHours(1)));
        await app.WithDbAsync(async db =>
        {
            var contact = new PressContact { PressListId = list, Name = "Sent Before", Email = "sent@example.org", EmailKey = "sent@example.org" };
            db.PressContacts.Add(contact);
            await db.SaveChangesAsync();
            db.PressRecipients.Add(new PressRecipient { ArticleId = article.Id, PressContactId = contact.Id, Name = contact.Name, Email = contact.Email, EmailKey = contact.EmailKey });
            await db.SaveChangesAsync();
        });

        var delete = await editor.Client.PostFormAsync($"/admin/press-lists/{list}", $"/admin/press-lists/{list}/delete", []);

        Assert.Contains("Another list already has this name", await same.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.PressLists.AnyAsync(l => l.Id == list)));
        var kept = await app.WithDbAsync(db => db.PressRecipients.SingleAsync(r => r.ArticleId == article.Id));
        Assert.Equal(("Sent Before", null), (kept.Name, kept.PressContactId));
        Assert.Contains("Sent Before", await editor.Client.GetStringAsync($"/admin/articles/{article.Id}/press"));
    }

    private static async Task<int> CreateListAsync(StaffMember editor, string? name = null)
    {
        var response = await editor.Client.PostFormAsync("/admin/press-lists", "/admin/press-lists", new() { ["Name"] = name ?? TestData.Unique("Correspondents"), ["Description"] = "Who covers the Parliament" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static async Task<HttpResponseMessage> UploadAsync(StaffMember editor, int list, string text, byte[]? raw = null)
    {
        var token = await editor.Client.AntiforgeryTokenAsync($"/admin/press-lists/{list}");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var bytes = raw ?? Encoding.UTF8.GetBytes(text);
        if (bytes.Length > 0)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "journalists.csv");
        }
        return await editor.Client.PostAsync($"/admin/press-lists/{list}/import", form);
    }

    private Task<int> CountAsync(int list) => app.WithDbAsync(db => db.PressContacts.CountAsync(c => c.PressListId == list));
}
