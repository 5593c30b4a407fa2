using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

public sealed class CommitteeAndTopicAdminTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task An_editor_creates_a_committee_whose_slug_comes_from_its_name_and_the_cached_directory_shows_it()
    {
        var visitor = app.CreateBrowserlessClient();
        await visitor.GetStringAsync("/committees");
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.PostFormAsync("/admin/committees/new", "/admin/committees/new",
            new() { ["Code"] = "peti", ["Name"] = "Petitions", ["Description"] = "Hears citizens.", ["IsActive"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var committee = await app.WithDbAsync(db => db.Committees.SingleAsync(c => c.Code == "PETI"));
        Assert.Equal(("petitions", "Petitions", "Hears citizens.", true), (committee.Slug, committee.Name, committee.Description, committee.IsActive));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "Committee.Created" && e.EntityId == committee.Id.ToString())));
        Assert.Contains("Petitions", await visitor.GetStringAsync("/committees"));
    }

    [Theory]
    [InlineData("code", "Another committee already has the code")]
    [InlineData("slug", "Another committee already has the web address")]
    [InlineData("nocode", "Enter the committee's code")]
    public async Task A_committee_with_a_taken_code_or_slug_is_not_stored_and_the_form_says_why(string fault, string message)
    {
        var taken = await app.SaveAsync(TestData.Committee());
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = new Dictionary<string, string> { ["Code"] = TestData.Unique("X"), ["Name"] = TestData.Unique("Fresh committee"), ["IsActive"] = "true" };
        switch (fault)
        {
            case "code": fields["Code"] = taken.Code.ToLowerInvariant(); break;
            case "slug": fields["Slug"] = taken.Slug; break;
            case "nocode": fields["Code"] = ""; break;
        }
        var before = await app.WithDbAsync(db => db.Committees.CountAsync());

        var response = await editor.Client.PostFormAsync("/admin/committees/new", "/admin/committees/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(before, await app.WithDbAsync(db => db.Committees.CountAsync()));
    }

    [Fact]
    public async Task Retiring_a_committee_takes_it_out_of_the_directory_but_keeps_its_page()
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var admin = await app.SignedInAsync(Roles.Admin);

        var response = await admin.Client.PostFormAsync("/admin/committees", $"/admin/committees/{committee.Id}/retire", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "Committee.Retired" && e.EntityId == committee.Id.ToString())));
        var visitor = app.CreateBrowserlessClient();
        Assert.DoesNotContain(committee.Name, await visitor.GetStringAsync("/committees"));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/committees/{committee.Slug}")).StatusCode);
    }

    [Fact]
    public async Task An_editor_creates_edits_and_retires_a_topic_and_a_taken_slug_is_refused()
    {
        var taken = await app.SaveAsync(TestData.Topic());
        var editor = await app.SignedInAsync(Roles.Editor);

        var created = await editor.Client.PostFormAsync("/admin/topics/new", "/admin/topics/new", new() { ["Name"] = "Ocean health", ["IsActive"] = "true" });
        var topic = await app.WithDbAsync(db => db.Topics.SingleAsync(t => t.Slug == "ocean-health"));
        var clash = await editor.Client.PostFormAsync($"/admin/topics/{topic.Id}/edit", $"/admin/topics/{topic.Id}/edit",
            new() { ["Name"] = "Ocean health", ["Slug"] = taken.Slug, ["IsActive"] = "true" });
        var edited = await editor.Client.PostFormAsync($"/admin/topics/{topic.Id}/edit", $"/admin/topics/{topic.Id}/edit",
            new() { ["Name"] = "Oceans", ["Slug"] = "oceans", ["Description"] = "Seas and fisheries.", ["IsActive"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
        Assert.Contains("Another topic already has the web address", await clash.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var stored = await app.WithDbAsync(db => db.Topics.AsNoTracking().SingleAsync(t => t.Id == topic.Id));
        Assert.Equal(("oceans", "Oceans", "Seas and fisheries.", false), (stored.Slug, stored.Name, stored.Description, stored.IsActive));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Topic" && e.EntityId == topic.Id.ToString())));
    }
}
