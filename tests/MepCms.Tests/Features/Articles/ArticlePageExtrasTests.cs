using System.Text.Json;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Features.Articles;

public sealed class ArticlePageExtrasTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    private async Task<JsonElement> JsonLdOf(string slug)
    {
        var page = await _client.GetDocumentAsync($"/articles/{slug}");
        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.Equal("application/ld+json", script.GetAttribute("type"));
        return JsonDocument.Parse(script.TextContent).RootElement;
    }

    [Fact]
    public async Task Article_page_carries_NewsArticle_JSON_LD_with_its_MEPs_as_authors()
    {
        var first = await app.SaveAsync(TestData.Author("Ana Lobo"));
        var second = await app.SaveAsync(TestData.Author("Jonas Keller"));
        var article = await app.SaveAsync(TestData.Article(app, title: "Joint statement on grids", authors: [first, second]));

        var json = await JsonLdOf(article.Slug);

        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", json.GetProperty("@type").GetString());
        Assert.Equal("Joint statement on grids", json.GetProperty("headline").GetString());
        Assert.Equal("2026-06-10T11:00:00+02:00", json.GetProperty("datePublished").GetString());
        Assert.True(json.TryGetProperty("dateModified", out _));
        var authors = json.GetProperty("author").EnumerateArray().ToList();
        Assert.Equal(["Ana Lobo", "Jonas Keller"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.All(authors, a => Assert.Equal("Person", a.GetProperty("@type").GetString()));
        Assert.Equal($"http://localhost/meps/{first.Slug}", authors[0].GetProperty("url").GetString());
        Assert.Equal("Organization", json.GetProperty("publisher").GetProperty("@type").GetString());
        Assert.False(json.TryGetProperty("aggregateRating", out _));
    }

    [Fact]
    public async Task A_title_cannot_break_out_of_the_JSON_LD_script()
    {
        const string title = "Closing </script><script>alert(1)</script> & \"quotes\"";
        var article = await app.SaveAsync(TestData.Article(app, title: title));

        var html = await _client.GetStringAsync($"/articles/{article.Slug}");
        var json = await JsonLdOf(article.Slug);

        Assert.Equal(title, json.GetProperty("headline").GetString());
        Assert.DoesNotContain("</script><script>alert(1)", html);
    }

    [Fact]
    public async Task Related_statements_share_an_MEP_committee_or_topic_and_are_public()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());
        var article = TestData.Article(app, authors: mep);
        article.Committees.Add(committee);
        article.Topics.Add(topic);
        await app.SaveAsync(article);
        var sameMep = await app.SaveAsync(TestData.Article(app, authors: mep));
        var sameCommittee = TestData.Article(app);
        sameCommittee.Committees.Add(committee);
        await app.SaveAsync(sameCommittee);
        var sameTopic = TestData.Article(app);
        sameTopic.Topics.Add(topic);
        await app.SaveAsync(sameTopic);
        var draftSameMep = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft, authors: mep));
        var unrelated = await app.SaveAsync(TestData.Article(app));

        var page = await _client.GetDocumentAsync($"/articles/{article.Slug}");
        var related = page.QuerySelectorAll(".related__list a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(3, related.Count);
        Assert.Contains($"/articles/{sameMep.Slug}", related);
        Assert.Contains($"/articles/{sameCommittee.Slug}", related);
        Assert.Contains($"/articles/{sameTopic.Slug}", related);
        Assert.DoesNotContain($"/articles/{article.Slug}", related);
        Assert.DoesNotContain(draftSameMep.Title, page.DocumentElement.OuterHtml);
        Assert.DoesNotContain($"/articles/{unrelated.Slug}", related);
    }

    [Fact]
    public async Task Related_statements_are_bounded()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var article = await app.SaveAsync(TestData.Article(app, authors: mep));
        for (var i = 0; i < RelatedArticles.Count + 3; i++)
        {
            await app.SaveAsync(TestData.Article(app, authors: mep));
        }

        var page = await _client.GetDocumentAsync($"/articles/{article.Slug}");

        Assert.Equal(RelatedArticles.Count, page.QuerySelectorAll(".related__list li").Length);
    }
}
