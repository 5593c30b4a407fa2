using System.Net;
using System.Xml.Linq;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Meps;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Admin;

public sealed class DirectoryMergeTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task Merging_a_topic_retags_its_statements_once_retires_it_and_its_page_redirects_to_the_other()
    {
        var (source, target) = (await app.SaveAsync(TestData.Topic()), await app.SaveAsync(TestData.Topic()));
        var onlySource = TestData.Article(app);
        onlySource.Topics.Add(source);
        var both = TestData.Article(app);
        both.Topics.AddRange([source, target]);
        await app.SaveAsync(onlySource);
        await app.SaveAsync(both);
        var visitor = app.CreateBrowserlessClient();
        Assert.DoesNotContain(onlySource.Title, await visitor.GetStringAsync($"/topics/{target.Slug}"));
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.PostFormAsync($"/admin/topics/{source.Id}/edit", $"/admin/topics/{source.Id}/merge", new() { ["TargetId"] = $"{target.Id}" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var tags = await app.WithDbAsync(db => db.Articles.Where(a => a.Id == onlySource.Id || a.Id == both.Id)
            .Select(a => a.Topics.Select(t => t.Id).ToList()).ToListAsync());
        Assert.All(tags, t => Assert.Equal([target.Id], t));
        var merged = await app.WithDbAsync(db => db.Topics.SingleAsync(t => t.Id == source.Id));
        Assert.Equal((false, target.Id), (merged.IsActive, merged.MergedIntoId));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "Topic.Merged" && e.EntityId == source.Id.ToString())));
        var redirect = await visitor.GetAsync($"/topics/{source.Slug}");
        Assert.Equal((HttpStatusCode.MovedPermanently, $"/topics/{target.Slug}"), (redirect.StatusCode, redirect.Headers.Location?.OriginalString));
        Assert.Contains(onlySource.Title, await visitor.GetStringAsync($"/topics/{target.Slug}"));
    }

    [Fact]
    public async Task Merging_a_committee_moves_memberships_keeping_the_higher_role_chair_over_member_over_substitute_and_redirects_its_page_and_feed()
    {
        var (source, target) = (await app.SaveAsync(TestData.Committee()), await app.SaveAsync(TestData.Committee()));
        var (chair, member) = (TestData.Author(), TestData.Author());
        chair.Memberships.Add(new CommitteeMembership { Committee = source, Role = CommitteeRole.Chair });
        chair.Memberships.Add(new CommitteeMembership { Committee = target, Role = CommitteeRole.Member });
        member.Memberships.Add(new CommitteeMembership { Committee = source, Role = CommitteeRole.Substitute });
        member.Memberships.Add(new CommitteeMembership { Committee = target, Role = CommitteeRole.Member });
        await app.SaveAsync(chair);
        await app.SaveAsync(member);
        var statement = TestData.Article(app);
        statement.Committees.Add(source);
        await app.SaveAsync(statement);
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.PostFormAsync($"/admin/committees/{source.Id}/edit", $"/admin/committees/{source.Id}/merge", new() { ["TargetId"] = $"{target.Id}" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var memberships = await app.WithDbAsync(db => db.Set<CommitteeMembership>().Where(m => m.AuthorId == chair.Id || m.AuthorId == member.Id)
            .OrderBy(m => m.AuthorId).Select(m => new { m.AuthorId, m.CommitteeId, m.Role }).ToListAsync());
        Assert.Equal([new { AuthorId = chair.Id, CommitteeId = target.Id, Role = CommitteeRole.Chair }, new { AuthorId = member.Id, CommitteeId = target.Id, Role = CommitteeRole.Member }], memberships);
        Assert.Equal([target.Id], await app.WithDbAsync(db => db.Articles.Where(a => a.Id == statement.Id).SelectMany(a => a.Committees.Select(c => c.Id)).ToListAsync()));
        var visitor = app.CreateBrowserlessClient();
        Assert.Equal($"/committees/{target.Slug}", (await visitor.GetAsync($"/committees/{source.Slug}")).Headers.Location?.OriginalString);
        Assert.Equal($"/committees/{target.Slug}/feed.xml", (await visitor.GetAsync($"/committees/{source.Slug}/feed.xml")).Headers.Location?.OriginalString);
        var sitemap = XDocument.Parse(await visitor.GetStringAsync("/sitemap.xml")).Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();
        Assert.DoesNotContain(sitemap, loc => loc.EndsWith($"/committees/{source.Slug}", StringComparison.Ordinal));
        Assert.Contains(sitemap, loc => loc.EndsWith($"/committees/{target.Slug}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_merged_earlier_into_the_source_follows_it_so_no_redirect_chain_forms()
    {
        var (first, second, third) = (await app.SaveAsync(TestData.Topic()), await app.SaveAsync(TestData.Topic()), await app.SaveAsync(TestData.Topic()));
        var editor = await app.SignedInAsync(Roles.Editor);

        await editor.Client.PostFormAsync($"/admin/topics/{first.Id}/edit", $"/admin/topics/{first.Id}/merge", new() { ["TargetId"] = $"{second.Id}" });
        await editor.Client.PostFormAsync($"/admin/topics/{second.Id}/edit", $"/admin/topics/{second.Id}/merge", new() { ["TargetId"] = $"{third.Id}" });

        Assert.Equal($"/topics/{third.Slug}", (await app.CreateBrowserlessClient().GetAsync($"/topics/{first.Slug}")).Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("itself")]
    [InlineData("retired")]
    [InlineData("missing")]
    [InlineData("none")]
    public async Task A_merge_into_itself_a_retired_a_missing_or_no_entry_is_refused_with_a_reason_and_changes_nothing(string fault)
    {
        var source = await app.SaveAsync(TestData.Topic());
        var retired = TestData.Topic();
        retired.IsActive = false;
        await app.SaveAsync(retired);
        var statement = TestData.Article(app);
        statement.Topics.Add(source);
        await app.SaveAsync(statement);
        var target = fault switch { "itself" => $"{source.Id}", "retired" => $"{retired.Id}", "missing" => "99999", _ => "" };
        var editor = await app.SignedInAsync(Roles.Editor);

        var response = await editor.Client.PostFormAsync($"/admin/topics/{source.Id}/edit", $"/admin/topics/{source.Id}/merge", new() { ["TargetId"] = target });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotEmpty(Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent.Trim());
        var stored = await app.WithDbAsync(db => db.Topics.SingleAsync(t => t.Id == source.Id));
        Assert.Equal((true, (int?)null), (stored.IsActive, stored.MergedIntoId));
        Assert.Equal([source.Id], await app.WithDbAsync(db => db.Articles.Where(a => a.Id == statement.Id).SelectMany(a => a.Topics.Select(t => t.Id)).ToListAsync()));
    }

    [Fact]
    public async Task Merging_an_unknown_entry_is_404_and_a_contributor_may_not_merge()
    {
        var (source, target) = (await app.SaveAsync(TestData.Committee()), await app.SaveAsync(TestData.Committee()));
        var editor = await app.SignedInAsync(Roles.Editor);
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var token = await contributor.Client.AntiforgeryTokenAsync("/admin");

        var missing = await editor.Client.PostFormAsync("/admin/committees", "/admin/committees/99999/merge", new() { ["TargetId"] = $"{target.Id}" });
        var forbidden = await contributor.Client.PostAsync($"/admin/committees/{source.Id}/merge", Staff.Form(new() { ["TargetId"] = $"{target.Id}" }, token));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Forbidden), (missing.StatusCode, forbidden.StatusCode));
        Assert.Null(await app.WithDbAsync(db => db.Committees.Where(c => c.Id == source.Id).Select(c => c.MergedIntoId).SingleAsync()));
    }

    [Fact]
    public async Task An_editor_form_opened_before_a_merge_saves_the_statement_with_the_entry_it_went_into()
    {
        var (source, target) = (await app.SaveAsync(TestData.Topic()), await app.SaveAsync(TestData.Topic()));
        var statement = TestData.Article(app);
        statement.Topics.Add(source);
        await app.SaveAsync(statement);
        var editor = await app.SignedInAsync(Roles.Editor);
        var form = await editor.Client.LoadEditFormAsync(statement.Id);
        Assert.Equal($"{source.Id}", form["TopicIds"]);

        await editor.Client.PostFormAsync($"/admin/topics/{source.Id}/edit", $"/admin/topics/{source.Id}/merge", new() { ["TargetId"] = $"{target.Id}" });
        var saved = await editor.Client.SaveEditFormAsync(statement.Id, form, new() { ["Change"] = "TypoFix" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([target.Id], await app.WithDbAsync(db => db.Articles.Where(a => a.Id == statement.Id).SelectMany(a => a.Topics.Select(t => t.Id)).ToListAsync()));
    }
}
