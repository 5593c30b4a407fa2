using MepCms.Tests.Support;

namespace MepCms.Tests.Infrastructure.Caching;

/// <summary>
/// Each public page costs a fixed number of SQL commands, however many rows it shows: no query
/// per row. Counted on a cache miss (a cache hit costs none).
/// </summary>
public sealed class SqlCommandCountTests(CountingFactory app) : IClassFixture<CountingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<int> CommandsForAsync(string url)
    {
        await app.Services.DirectoryChangedAsync();
        // The go-live time is read once and kept: learn it on another address first.
        await _reader.GetAsync("/articles/no-such-statement");
        app.Commands.Reset();
        var response = await _reader.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return app.Commands.Count;
    }

    private async Task AddStatementsAsync(int count)
    {
        var authors = new[] { TestData.Author(), TestData.Author() };
        for (var i = 0; i < count; i++)
        {
            var article = TestData.Article(app, authors: authors);
            article.Committees.Add(TestData.Committee());
            article.Topics.Add(TestData.Topic());
            await app.SaveAsync(article);
        }
    }

    [Fact]
    public async Task Home_page_costs_the_same_four_commands_for_three_statements_or_thirty()
    {
        await AddStatementsAsync(3);
        var few = await CommandsForAsync("/");
        await AddStatementsAsync(27);
        var many = await CommandsForAsync("/");

        // The pinned statement (an indexed lookup), the count, the page, and the page's bylines (a
        // split query on SQLite, docs/decisions/0066).
        Assert.Equal(4, few);
        Assert.Equal(few, many);
    }

    [Fact]
    public async Task Article_page_costs_a_fixed_number_of_commands_whatever_its_authors_and_links()
    {
        var article = TestData.Article(app, authors: [TestData.Author(), TestData.Author(), TestData.Author()]);
        for (var i = 0; i < 5; i++)
        {
            article.Committees.Add(TestData.Committee());
            article.Topics.Add(TestData.Topic());
        }
        await app.SaveAsync(article);

        // The statement and its authors, committees, topics, documents and corrections (split query), then
        // its public language versions (for the switcher and hreflang), then its related statements.
        Assert.Equal(8, await CommandsForAsync($"/articles/{article.Slug}"));
    }
}
