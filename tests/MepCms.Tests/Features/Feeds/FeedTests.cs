using System.Globalization;
using System.Net;
using System.Xml.Linq;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Features.Feeds;

public sealed class FeedTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private readonly HttpClient _client = app.CreateBrowserlessClient();

    private async Task<XElement> ChannelOf(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        var rss = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", rss.Attribute("version")!.Value);
        var channel = rss.Element("channel")!;
        foreach (var required in new[] { "title", "link", "description" })
        {
            Assert.False(string.IsNullOrWhiteSpace(channel.Element(required)?.Value), $"channel/{required} is required by RSS 2.0");
        }
        foreach (var item in channel.Elements("item"))
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Element("title")?.Value));
            Assert.True(Uri.TryCreate(item.Element("link")!.Value, UriKind.Absolute, out _));
            Assert.NotNull(item.Element("guid"));
            Assert.True(DateTimeOffset.TryParse(item.Element("pubDate")!.Value, CultureInfo.InvariantCulture, out _));
        }
        return channel;
    }

    private static List<string> Titles(XElement channel) => channel.Elements("item").Select(i => i.Element("title")!.Value).ToList();

    [Fact]
    public async Task Site_feed_is_RSS_2_with_the_latest_20_published_statements_newest_first()
    {
        var articles = new List<Article>();
        for (var i = 0; i < 22; i++)
        {
            articles.Add(await app.SaveAsync(TestData.Article(app, title: $"Feed statement {i} <&>", publishAt: app.Clock.GetUtcNow().AddMinutes(-25 + i))));
        }
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var future = await app.SaveAsync(TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddMinutes(5)));

        var channel = await ChannelOf("/feed.xml");
        var titles = Titles(channel);

        Assert.Equal(20, titles.Count);
        Assert.Equal("Feed statement 21 <&>", titles[0]);
        Assert.DoesNotContain(articles[0].Title, titles);
        Assert.DoesNotContain(draft.Title, titles);
        Assert.DoesNotContain(future.Title, titles);
        Assert.Equal($"http://localhost/articles/{articles[21].Slug}", channel.Element("item")!.Element("link")!.Value);
    }

    [Fact]
    public async Task MEP_feed_carries_only_that_MEPs_public_statements()
    {
        var mep = await app.SaveAsync(TestData.Author("Feed Mep"));
        var theirs = await app.SaveAsync(TestData.Article(app, authors: mep));
        var theirDraft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft, authors: mep));
        var someoneElses = await app.SaveAsync(TestData.Article(app));

        var channel = await ChannelOf($"/meps/{mep.Slug}/feed.xml");

        Assert.Equal([theirs.Title], Titles(channel));
        Assert.Contains("Feed Mep", channel.Element("title")!.Value);
        Assert.DoesNotContain(theirDraft.Title, channel.ToString());
        Assert.DoesNotContain(someoneElses.Title, channel.ToString());
    }

    [Fact]
    public async Task Committee_feed_carries_only_that_committees_public_statements()
    {
        var committee = await app.SaveAsync(TestData.Committee());
        var onIt = TestData.Article(app);
        onIt.Committees.Add(committee);
        await app.SaveAsync(onIt);
        var scheduled = TestData.Article(app, publishAt: app.Clock.GetUtcNow().AddDays(2));
        scheduled.Committees.Add(committee);
        await app.SaveAsync(scheduled);

        var channel = await ChannelOf($"/committees/{committee.Slug}/feed.xml");

        Assert.Equal([onIt.Title], Titles(channel));
        Assert.DoesNotContain(scheduled.Title, channel.ToString());
    }

    [Fact]
    public async Task An_empty_feed_is_still_valid()
    {
        var quiet = await app.SaveAsync(TestData.Author("Quiet Mep"));

        Assert.Empty(Titles(await ChannelOf($"/meps/{quiet.Slug}/feed.xml")));
    }

    [Theory]
    [InlineData("/meps/no-such-mep/feed.xml")]
    [InlineData("/committees/no-such-committee/feed.xml")]
    [InlineData("/meps/BAD..SLUG/feed.xml")]
    public async Task Feeds_of_unknown_MEPs_and_committees_are_not_found(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(url)).StatusCode);
    }
}
