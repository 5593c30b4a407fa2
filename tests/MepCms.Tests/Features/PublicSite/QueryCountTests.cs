using MepCms.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Topics;

namespace MepCms.Tests.Features.PublicSite;

/// <summary>Public pages send a fixed number of SQL commands, however many rows they show (no N+1).</summary>
public sealed class QueryCountTests(CountingFactory app) : IClassFixture<CountingFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    private async Task AddStatementsAsync(int count, Author mep, Committee committee, Topic topic)
    {
        for (var i = 0; i < count; i++)
        {
            var article = TestData.Article(app, body: "interconnector news", authors: [mep, TestData.Author()]);
            article.Committees.Add(committee);
            article.Topics.Add(topic);
            await app.SaveAsync(article);
        }
    }

    [Fact]
    public async Task Listing_pages_use_the_same_few_commands_for_two_rows_or_many()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());
        // Two, so the statement page has a related statement (and its bylines) from the start.
        await AddStatementsAsync(2, mep, committee, topic);
        var first = await app.WithDbAsync(db => Task.FromResult(db.Articles.OrderBy(a => a.Id).First().Slug));
        string[] urls = ["/", $"/meps/{mep.Slug}", $"/committees/{committee.Slug}", $"/topics/{topic.Slug}", "/search?q=interconnector", $"/articles/{first}"];

        // The office's identity (name, colours, footer) is read once and kept for a while: not a per-page cost.
        await app.Services.GetRequiredService<MepCms.Web.Features.Settings.SiteIdentity>().CurrentAsync();
        var few = new Dictionary<string, int>();
        foreach (var url in urls)
        {
            few[url] = await app.CommandsForAsync(_client, url);
        }
        await AddStatementsAsync(13, mep, committee, topic);
        var many = new Dictionary<string, int>();
        foreach (var url in urls)
        {
            many[url] = await app.CommandsForAsync(_client, url);
        }

        // Search reads whole words, then word prefixes too while that finds less than a page (0011).
        Assert.Equal(4, few["/search?q=interconnector"]);
        few.Remove("/search?q=interconnector");
        Assert.Equal(few, many.Where(p => few.ContainsKey(p.Key)).ToDictionary());
        // Lists: their subject, the count, the page and the page's bylines (split, docs/decisions/0066).
        // The home page has no subject but reads the pinned statement (one indexed lookup) and, once
        // after a change, the next scheduled publish time.
        Assert.Equal(5, many["/"]);
        Assert.Equal(5, many[$"/meps/{mep.Slug}"]); // and the MEP's committee roles
        Assert.Equal(4, many[$"/committees/{committee.Slug}"]);
        Assert.Equal(4, many[$"/topics/{topic.Slug}"]);
        Assert.Equal(3, many["/search?q=interconnector"]);
        Assert.Equal(9, many[$"/articles/{first}"]); // the statement, its MEPs, committees, topics, documents, corrections, language versions, related, and the next change
    }
}
