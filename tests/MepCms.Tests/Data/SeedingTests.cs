using MepCms.Tests.Support;
using MepCms.Web.Data;
using MepCms.Web.Data.Seeding;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Data;

public sealed class DemoSiteFactory : MepCmsFactory
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Seed:DemoContent"] = "true";
        settings["Admin:Password"] = null;
    }
}

public sealed class SeedingTests(DemoSiteFactory app) : IClassFixture<DemoSiteFactory>
{
    private sealed record Counts(int Authors, int Committees, int Topics, int Articles, int Published, int Ratings, int Memberships, int Users);

    private Task<Counts> CountAsync() => app.WithDbAsync(async db => new Counts(
        await db.Authors.CountAsync(), await db.Committees.CountAsync(), await db.Topics.CountAsync(), await db.Articles.CountAsync(),
        await db.Articles.Visible(app.Clock).CountAsync(), await db.Ratings.CountAsync(), await db.CommitteeMemberships.CountAsync(),
        await db.Users.CountAsync()));

    [Fact]
    public async Task The_demo_site_speaks_dutch_french_and_german_under_their_own_addresses()
    {
        var reader = app.CreateBrowserlessClient();

        foreach (var (language, word) in new[] { ("nl", "toezichthouders"), ("fr", "autorités"), ("de", "Klimaziel") })
        {
            var home = await reader.GetDocumentAsync($"/{language}/");
            Assert.Equal(language, home.DocumentElement.GetAttribute("lang"));
            Assert.Contains(home.QuerySelectorAll(".article-card__title a"), a => a.TextContent.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Demo_site_is_alive_with_meps_committees_and_statements()
    {
        var counts = await CountAsync();

        Assert.True(counts.Authors >= 6);
        Assert.True(counts.Committees >= 5);
        Assert.True(counts.Published >= 25);
        Assert.True(counts.Ratings > 0);
        var countries = await app.WithDbAsync(db => db.Authors.Select(a => a.CountryCode).Distinct().CountAsync());
        Assert.True(countries >= 4);
    }

    [Fact]
    public async Task A_demo_statement_shows_an_update_made_after_it_went_live_and_its_first_revision_is_the_text_before()
    {
        const string slug = "winter-plan-shield-households-energy-price-spikes";
        var page = await app.CreateBrowserlessClient().GetDocumentAsync($"/articles/{slug}");
        var revisions = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.Article.Slug == slug).OrderBy(r => r.Number).ToListAsync());

        Assert.StartsWith("Updated on", page.QuerySelector("#corrections li")!.TextContent.Trim());
        Assert.Contains("In the afternoon the Commission replied", page.QuerySelector(".statement__body")!.TextContent);
        Assert.Equal(2, revisions.Count);
        Assert.DoesNotContain("**Update:**", revisions[0].BodyMarkdown);
        Assert.Contains("**Update:**", revisions[1].BodyMarkdown);
    }

    [Fact]
    public async Task Demo_ratings_agree_with_the_stored_aggregates()
    {
        var mismatches = await app.WithDbAsync(db => db.Statements
            .Where(s => s.RatingCount != db.Ratings.Count(r => r.StatementId == s.Id) || s.RatingSum != db.Ratings.Where(r => r.StatementId == s.Id).Sum(r => (long)r.Score))
            .Select(s => s.Id).ToListAsync());

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Seeding_twice_creates_nothing_twice()
    {
        var before = await CountAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoContentSeeder>().SeedAsync();
        }

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task First_admin_gets_a_generated_password_in_a_private_file_holding_just_that_line()
    {
        app.StartServer();
        var file = app.PasswordFile;
        // Read as `cat` shows it: no byte-order mark, one line.
        var text = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
        Assert.EndsWith(Environment.NewLine, text);
        var password = text[..^Environment.NewLine.Length];

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(MepCmsFactory.AdminEmail);
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
