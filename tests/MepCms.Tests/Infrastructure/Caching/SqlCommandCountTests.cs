using System.Data.Common;
using MepCms.Tests.Support;
using MepCms.Web.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Infrastructure.Caching;

/// <summary>The app with every SQL command it sends counted.</summary>
public sealed class CommandCountingFactory : MepCmsFactory
{
    public CommandCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SqliteMepCmsDbContext>(o => o.AddInterceptors(Counter)));
    }
}

public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;
    public int Count => _count;
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>
/// Each public page costs a fixed number of SQL commands, however many rows it shows: no query
/// per row. Counted on a cache miss (a cache hit costs none).
/// </summary>
public sealed class SqlCommandCountTests(CommandCountingFactory app) : IClassFixture<CommandCountingFactory>
{
    private readonly HttpClient _reader = app.CreateBrowserlessClient();

    private async Task<int> CommandsForAsync(string url)
    {
        await app.Services.DirectoryChangedAsync();
        // The go-live time is read once and kept: learn it on another address first.
        await _reader.GetAsync("/articles/no-such-statement");
        app.Counter.Reset();
        var response = await _reader.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return app.Counter.Count;
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
    public async Task Home_page_costs_the_same_three_commands_for_three_statements_or_thirty()
    {
        await AddStatementsAsync(3);
        var few = await CommandsForAsync("/");
        await AddStatementsAsync(27);
        var many = await CommandsForAsync("/");

        // The count, the page, and the page's bylines (a split query on SQLite, docs/decisions/0066).
        Assert.Equal(3, few);
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

        // The statement and its authors, committees and topics (split query), then its related statements.
        Assert.Equal(5, await CommandsForAsync($"/articles/{article.Slug}"));
    }
}
