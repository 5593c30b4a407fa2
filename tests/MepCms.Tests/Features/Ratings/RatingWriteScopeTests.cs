using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using MepCms.Tests.Support;
using MepCms.Web.Data.SqlServer;
using MepCms.Web.Data.Sqlite;
using MepCms.Web.Features.Ratings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Ratings;

/// <summary>The app storing votes through EF Core (its SQL Server path) with every SQL command it sends recorded.</summary>
public sealed class RecordingRatingsFactory : RatingsFactory
{
    public SqlCommandCounter Sql { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SqliteMepCmsDbContext>(o => o.AddInterceptors(Sql)));
        builder.ConfigureTestServices(services => services.AddScoped<IRatingStore, SqlServerRatingStore>());
    }
}

/// <summary>A rating can write a Ratings row and the statement's two aggregate columns, and nothing else (Rate Star Review CVE-2026-4301).</summary>
public sealed partial class RatingWriteScopeTests(RecordingRatingsFactory app) : IClassFixture<RecordingRatingsFactory>
{
    [Fact]
    public async Task Rating_writes_only_a_rating_row_and_the_aggregate_columns()
    {
        var client = app.CreateVisitorClient();
        var article = await app.PublishedArticleAsync();
        var visitor = VisitorIdentity.NewId();
        app.Sql.Reset();

        await client.RateAsync(article.Slug, 2, visitor);
        await client.RateAsync(article.Slug, 5, visitor);

        var writes = app.Sql.Texts.SelectMany(c => c.Split(';')).Select(c => c.Trim())
            .Where(c => WriteStatement().IsMatch(c)).ToList();
        Assert.Contains(writes, w => w.StartsWith("INSERT INTO \"Ratings\"", StringComparison.Ordinal));
        Assert.Contains(writes, w => w.StartsWith("UPDATE \"Ratings\"", StringComparison.Ordinal));
        Assert.All(writes, w => Assert.Matches("^(INSERT INTO|UPDATE) \"(Ratings|Statements)\"", w));
        var articleColumns = writes.Where(w => w.StartsWith("UPDATE \"Statements\"", StringComparison.Ordinal))
            .SelectMany(w => SetColumn().Matches(w[..w.IndexOf("WHERE", StringComparison.Ordinal)]).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Equal(["RatingCount", "RatingSum"], articleColumns.Order());
    }

    [Fact]
    public async Task The_queued_sqlite_writer_writes_only_rating_rows_and_the_aggregate_columns()
    {
        var statements = await app.WithDbAsync(db => Task.FromResult(app.Services.GetRequiredService<SqliteRatingWriter>().StatementTexts(db)));

        var writes = statements.Where(c => WriteStatement().IsMatch(c)).ToList();
        Assert.Equal(3, writes.Count);
        Assert.All(writes, w => Assert.Matches("^(INSERT INTO|UPDATE) \"(Ratings|Statements)\"", w));
        Assert.All(statements.Except(writes), r => Assert.StartsWith("SELECT", r, StringComparison.Ordinal));
        var articleColumns = writes.Where(w => w.StartsWith("UPDATE \"Statements\"", StringComparison.Ordinal))
            .SelectMany(w => SetColumn().Matches(w[..w.IndexOf("WHERE", StringComparison.Ordinal)]).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Equal(["RatingCount", "RatingSum"], articleColumns.Order());
    }

    [GeneratedRegex(@"^(INSERT|UPDATE|DELETE|REPLACE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WriteStatement();

    [GeneratedRegex(@"(?:SET|,)\s*""(\w+)""\s*=")]
    private static partial Regex SetColumn();
}
