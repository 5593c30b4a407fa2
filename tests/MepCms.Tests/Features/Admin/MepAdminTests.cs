using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Meps;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

public sealed class MepAdminTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private static Dictionary<string, string> Fields(string name, string slug = "", string country = "IE") => new()
    {
        ["FullName"] = name, ["Slug"] = slug, ["CountryCode"] = country, ["PoliticalGroup"] = "Renew Europe",
        ["NationalParty"] = "Fianna Fáil", ["BioMarkdown"] = "Elected in **2019**.", ["PressEmail"] = "press@example.eu",
        ["PressPhone"] = "+32 2 284 00 00", ["IsActive"] = "true",
    };

    private Task<int> MepCountAsync() => app.WithDbAsync(db => db.Authors.CountAsync());

    [Fact]
    public async Task An_editor_adds_an_mep_with_every_field_and_committee_roles_and_the_cached_directory_shows_them()
    {
        var libe = await app.SaveAsync(TestData.Committee());
        var afet = await app.SaveAsync(TestData.Committee());
        var visitor = app.CreateBrowserlessClient();
        await visitor.GetStringAsync("/meps"); // now cached
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = Fields("Áine Ó Briain");
        fields["Memberships[0].CommitteeId"] = $"{libe.Id}";
        fields["Memberships[0].Role"] = "ViceChair";
        fields["Memberships[1].CommitteeId"] = $"{afet.Id}";
        fields["Memberships[1].Role"] = "";

        var response = await editor.Client.PostFormAsync("/admin/meps/new", "/admin/meps/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mep = await app.WithDbAsync(db => db.Authors.Include(a => a.Memberships).SingleAsync(a => a.FullName == "Áine Ó Briain"));
        Assert.Equal(("aine-o-briain", "IE", "Renew Europe", "Fianna Fáil"), (mep.Slug, mep.CountryCode, mep.PoliticalGroup, mep.NationalParty));
        Assert.Contains("<strong>2019</strong>", mep.BioHtml);
        Assert.Equal(("press@example.eu", "+32 2 284 00 00", true), (mep.PressEmail, mep.PressPhone, mep.IsActive));
        var membership = Assert.Single(mep.Memberships);
        Assert.Equal((libe.Id, CommitteeRole.ViceChair), (membership.CommitteeId, membership.Role));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "Mep.Created" && e.EntityId == mep.Id.ToString())));
        Assert.Contains("Áine Ó Briain", (await visitor.GetDocumentAsync("/meps")).Body!.TextContent);
    }

    [Fact]
    public async Task Editing_changes_a_role_and_ends_a_membership()
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var other = await app.SaveAsync(TestData.Committee());
        var mep = TestData.Author();
        mep.Memberships.Add(new CommitteeMembership { CommitteeId = committee.Id, Role = CommitteeRole.Member });
        mep.Memberships.Add(new CommitteeMembership { CommitteeId = other.Id, Role = CommitteeRole.Member });
        await app.SaveAsync(mep);
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = Fields(mep.FullName, mep.Slug);
        fields["Memberships[0].CommitteeId"] = $"{committee.Id}";
        fields["Memberships[0].Role"] = "Chair";

        var response = await editor.Client.PostFormAsync($"/admin/meps/{mep.Id}/edit", $"/admin/meps/{mep.Id}/edit", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var memberships = await app.WithDbAsync(db => db.CommitteeMemberships.Where(m => m.AuthorId == mep.Id).ToListAsync());
        var left = Assert.Single(memberships);
        Assert.Equal((committee.Id, CommitteeRole.Chair), (left.CommitteeId, left.Role));
    }

    [Theory]
    [InlineData("slug", "Another MEP already has the web address")]
    [InlineData("country", "Choose one of the EU member states")]
    [InlineData("phone", "Enter the press phone number")]
    [InlineData("bio", "The biography may be at most")]
    public async Task A_refused_mep_is_not_stored_and_the_form_says_why(string fault, string message)
    {
        var taken = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = Fields("Someone New");
        switch (fault)
        {
            case "slug": fields["Slug"] = taken.Slug; break;
            case "country": fields["CountryCode"] = "US"; break;
            case "phone": fields["PressPhone"] = "call me"; break;
            case "bio": fields["BioMarkdown"] = new string('x', 4_001); break;
        }
        var before = await MepCountAsync();

        var response = await editor.Client.PostFormAsync("/admin/meps/new", "/admin/meps/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(before, await MepCountAsync());
    }

    [Fact]
    public async Task Deactivating_an_mep_makes_their_cached_profile_say_former_member_and_is_audited()
    {
        var mep = await app.SaveAsync(TestData.Author("Leaving Member"));
        var visitor = app.CreateBrowserlessClient();
        Assert.DoesNotContain("Former Member", await visitor.GetStringAsync($"/meps/{mep.Slug}"));
        var admin = await app.SignedInAsync(Roles.Admin);

        var response = await admin.Client.PostFormAsync("/admin/meps", $"/admin/meps/{mep.Id}/deactivate", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Authors.Where(a => a.Id == mep.Id).Select(a => a.IsActive).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "Mep.Deactivated" && e.EntityId == mep.Id.ToString())));
        Assert.Contains("Former Member", await visitor.GetStringAsync($"/meps/{mep.Slug}"));
    }

    [Fact]
    public async Task A_post_without_its_antiforgery_token_is_refused_and_a_contributor_may_not_manage_meps()
    {
        var editor = await app.SignedInAsync(Roles.Editor);
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var before = await MepCountAsync();

        var withoutToken = await editor.Client.PostAsync("/admin/meps/new", Staff.Form(Fields("No Token")));
        var asContributor = await contributor.Client.GetAsync("/admin/meps");

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asContributor.StatusCode);
        Assert.Equal(before, await MepCountAsync());
    }
}
