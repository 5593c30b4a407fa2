using MepCms.Tests.Support;
using MepCms.Web.Data.SqlServer;
using MepCms.Web.Data.Sqlite;
using MepCms.Web.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MepCms.Tests.Features.Search;

/// <summary>The full-text index on each provider; SQL Server's is checked from its script and SQL, without a server.</summary>
public sealed class SearchIndexTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private static SqlServerMepCmsDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerMepCmsDbContext>()
            .UseSqlServer("Server=none;Database=MepCms;Trusted_Connection=True;TrustServerCertificate=True").Options);

    [Fact]
    public void Sql_server_migration_creates_a_full_text_index_where_the_component_exists()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("IF FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 1", script);
        Assert.Contains("CREATE FULLTEXT CATALOG [MepCmsSearch]", script);
        Assert.Contains("CREATE FULLTEXT INDEX ON [Articles] ([Title] LANGUAGE 0, [Lead] LANGUAGE 0, [BodyMarkdown] LANGUAGE 0)", script);
        Assert.Contains("KEY INDEX [PK_Articles] ON [MepCmsSearch] WITH CHANGE_TRACKING = AUTO", script);
    }

    [Fact]
    public void Sql_server_search_ranks_with_CONTAINSTABLE_and_passes_the_query_as_a_parameter()
    {
        using var db = SqlServer();
        var query = SearchQuery.Parse("rule of law\" OR 1=1 --");

        var sql = SqlServerSearchIndex.Hits(db, query.ToContains()).Join(db.Articles, h => h.Id, a => a.Id, (h, a) => new { h.Rank, a.Slug })
            .OrderByDescending(x => x.Rank).ToQueryString();

        Assert.Contains("CONTAINSTABLE([Articles], [Title], @", sql);
        Assert.Contains("CONTAINSTABLE([Articles], [BodyMarkdown], @", sql);
        Assert.Contains("\"rule*\" AND \"of*\" AND \"law*\" AND \"or*\" AND \"1*\"", sql);
        Assert.DoesNotContain("1=1", sql);
    }

    [Fact]
    public void Sql_server_search_word_breaks_the_readers_words_in_the_pages_language()
    {
        using var db = SqlServer();

        var dutch = SqlServerSearchIndex.Hits(db, "\"windpark*\"", SqlServerFullText.Lcids["nl"]).ToQueryString();
        var neutral = SqlServerSearchIndex.Hits(db, "\"windpark*\"").ToQueryString();

        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(dutch, @"CONTAINSTABLE\(\[Articles\], \[\w+\], @\w+, LANGUAGE 1043, 200\)"));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(neutral, @"LANGUAGE 0, "));
        Assert.Equal(24, SqlServerFullText.Lcids.Count);
        Assert.All(MepCms.Web.Infrastructure.Web.EuLanguages.All, l => Assert.True(SqlServerFullText.Lcids.ContainsKey(l.Code), l.Code));
    }

    [Fact]
    public async Task Sqlite_keeps_an_external_content_FTS5_index_in_step_with_triggers()
    {
        var names = await app.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type IN ('table', 'trigger') AND (name = 'ArticleSearch' OR name LIKE 'Articles_search_%') ORDER BY name")
            .ToListAsync());

        Assert.Equal(["ArticleSearch", "Articles_search_delete", "Articles_search_insert", "Articles_search_update"], names);
    }

    [Theory]
    [InlineData("EU AI act", "\"eu\"* \"ai\"* \"act\"*", "\"eu*\" AND \"ai*\" AND \"act*\"")]
    [InlineData("NEAR(a b) title:x -y \"z\"", "\"near\"* \"a\"* \"b\"* \"title\"* \"x\"* \"y\"* \"z\"*", "\"near*\" AND \"a*\" AND \"b*\" AND \"title*\" AND \"x*\" AND \"y*\" AND \"z*\"")]
    [InlineData("Žemaitė's café", "\"žemaitė\"* \"s\"* \"café\"*", "\"žemaitė*\" AND \"s*\" AND \"café*\"")]
    [InlineData("* \" : - ( ) 🙂", "", "")]
    public void Queries_become_quoted_prefix_words_only(string input, string fts5, string contains)
    {
        var query = SearchQuery.Parse(input);

        Assert.Equal(fts5, query.ToFts5());
        Assert.Equal(fts5.Replace("\"*", "\"", StringComparison.Ordinal), query.ToFts5Words());
        Assert.Equal(contains, query.ToContains());
    }

    [Fact]
    public void Queries_are_capped_in_length_and_number_of_words()
    {
        var query = SearchQuery.Parse(string.Concat(Enumerable.Range(0, 500).Select(i => $"w{i} ")));

        Assert.True(query.Text.Length <= SearchQuery.MaxLength);
        Assert.Equal(SearchQuery.MaxTerms, query.Terms.Count);
    }
}
