using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Features.PublicSite;

/// <summary>Statements that are not public leave no trace on any public route, whatever links them.</summary>
public sealed class CanaryDraftTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private const string Marker = "canarymarker";
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    [Fact]
    public async Task Drafts_and_scheduled_statements_appear_on_no_public_route()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());
        var hidden = new[]
        {
            TestData.Article(app, title: $"{Marker} draft title", body: $"{Marker} draft body", status: ArticleStatus.Draft, authors: mep),
            TestData.Article(app, title: $"{Marker} review title", body: $"{Marker} review body", status: ArticleStatus.InReview, authors: mep),
            TestData.Article(app, title: $"{Marker} scheduled title", body: $"{Marker} scheduled body", publishAt: app.Clock.GetUtcNow().AddMinutes(1), authors: mep),
            TestData.Article(app, title: $"{Marker} withdrawn title", body: $"{Marker} withdrawn body", status: ArticleStatus.Unpublished, authors: mep),
        };
        var published = TestData.Article(app, title: "Public canary neighbour", body: $"A public text that mentions {Marker} once.", authors: mep);
        foreach (var article in hidden.Append(published))
        {
            article.Lead = article == published ? "An ordinary lead." : $"Hidden lead {article.Slug} {Marker}";
            article.Committees.Add(committee);
            article.Topics.Add(topic);
            await app.SaveAsync(article);
        }
        string[] routes =
        [
            "/", "/meps", $"/meps/{mep.Slug}", "/committees", $"/committees/{committee.Slug}", $"/topics/{topic.Slug}",
            $"/search?q={Marker}", "/search?q=draft", "/search?q=scheduled", "/feed.xml", $"/meps/{mep.Slug}/feed.xml",
            $"/committees/{committee.Slug}/feed.xml", "/sitemap.xml", $"/articles/{published.Slug}",
        ];

        foreach (var route in routes)
        {
            var response = await _client.GetAsync(route);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{route} answered {response.StatusCode}");
            foreach (var article in hidden)
            {
                Assert.DoesNotContain(article.Slug, body);
                Assert.DoesNotContain(article.Title, body);
                Assert.DoesNotContain(article.Lead, body);
                Assert.DoesNotContain(article.BodyMarkdown, body);
            }
        }
        Assert.Contains("Public canary neighbour", await _client.GetStringAsync($"/search?q={Marker}"));
        Assert.Contains("Public canary neighbour", await _client.GetStringAsync($"/meps/{mep.Slug}/feed.xml"));
    }
}
