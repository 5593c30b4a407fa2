using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Topics;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Languages;

/// <summary>Committees and topics may be named per language; a page in a language without a name shows the default one.</summary>
public sealed class LocalizedNamesTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private static Dictionary<string, string> Fields(EntryFields entry, params (string Language, string Name)[] names)
    {
        var fields = new Dictionary<string, string> { ["Name"] = entry.Name, ["Slug"] = entry.Slug, ["IsActive"] = "true" };
        if (entry.Code is { } code) { fields["Code"] = code; }
        foreach (var (language, name) in names) { fields[$"Names[{language}]"] = name; }
        return fields;
    }

    private sealed record EntryFields(string Name, string Slug, string? Code);

    [Fact]
    public async Task An_editor_names_a_committee_and_a_topic_in_dutch_and_dutch_pages_use_those_names()
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());
        var statement = TestData.Article(app, title: "Verklaring " + TestData.Unique("nl"));
        (statement.Language, statement.Committees, statement.Topics) = ("nl", [committee], [topic]);
        await app.SaveAsync(statement);
        var editor = await app.SignedInAsync(Roles.Editor);

        var saved = await editor.Client.PostFormAsync($"/admin/committees/{committee.Id}/edit", $"/admin/committees/{committee.Id}/edit",
            Fields(new(committee.Name, committee.Slug, committee.Code), ("nl", "  Commissie burgerlijke vrijheden  "), ("fr", "")));
        await editor.Client.PostFormAsync($"/admin/topics/{topic.Id}/edit", $"/admin/topics/{topic.Id}/edit",
            Fields(new(topic.Name, topic.Slug, null), ("nl", "Rechtsstaat")));
        var dutchCommittee = await _reader.GetDocumentAsync($"/nl/committees/{committee.Slug}");
        var frenchCommittee = await _reader.GetDocumentAsync($"/fr/committees/{committee.Slug}");
        var directory = await _reader.GetStringAsync("/nl/committees");
        var page = await _reader.GetDocumentAsync($"/nl/articles/{statement.Slug}");
        var form = await editor.Client.GetDocumentAsync($"/admin/committees/{committee.Id}/edit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Commissie burgerlijke vrijheden", dutchCommittee.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(committee.Name, frenchCommittee.QuerySelector("h1")!.TextContent.Trim()); // no French name: the default one
        Assert.Contains("Commissie burgerlijke vrijheden", directory);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.TextContent == "Commissie burgerlijke vrijheden");
        Assert.Contains(page.QuerySelectorAll("a"), a => a.TextContent == "Rechtsstaat");
        Assert.Equal(committee.Name, (await _reader.GetDocumentAsync($"/committees/{committee.Slug}")).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Commissie burgerlijke vrijheden", form.QuerySelector("#Names_nl")!.GetAttribute("value"));
        Assert.Null(form.QuerySelector("#Names_en")); // the default language's name is the Name field
        Assert.Equal(["nl"], await app.WithDbAsync(db => db.CommitteeNames.Where(n => n.CommitteeId == committee.Id).Select(n => n.Language).ToListAsync()));
        Assert.Contains("named in nl", await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == topic.Id.ToString() && e.Action == "Topic.Edited").Select(e => e.Summary).SingleAsync()));
    }

    [Fact]
    public async Task Emptying_a_name_removes_it()
    {
        var topic = new Topic { Slug = TestData.Unique("topic"), Name = "Trade", Names = [new TopicName { Language = "de", Name = "Handel" }] };
        await app.SaveAsync(topic);
        var editor = await app.SignedInAsync(Roles.Editor);

        await editor.Client.PostFormAsync($"/admin/topics/{topic.Id}/edit", $"/admin/topics/{topic.Id}/edit", Fields(new(topic.Name, topic.Slug, null), ("de", " ")));

        Assert.False(await app.WithDbAsync(db => db.TopicNames.AnyAsync(n => n.TopicId == topic.Id)));
    }

    [Theory]
    [InlineData("xx", "Ceci", "a language the site does not offer")]
    [InlineData("en", "Duplicate", "a language the site does not offer")]
    [InlineData("nl", "long", "longer than")]
    public async Task A_name_in_an_unknown_language_or_too_long_is_refused_and_nothing_is_stored(string language, string name, string message)
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = Fields(new("Renamed " + committee.Name, committee.Slug, committee.Code), (language, name == "long" ? new string('n', 201) : name));

        var response = await editor.Client.PostFormAsync($"/admin/committees/{committee.Id}/edit", $"/admin/committees/{committee.Id}/edit", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.Committees.Include(c => c.Names).SingleAsync(c => c.Id == committee.Id));
        Assert.Equal((committee.Name, 0), (stored.Name, stored.Names.Count));
    }
}
