using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data.Sqlite;

/// <summary>
/// Search on SQLite's FTS5 table `ArticleSearch` (rowid = the statement's id). Whole words are
/// matched first and word prefixes only when that finds less than a page (one command more),
/// because a prefix match reads every statement holding the word (docs/decisions/0011).
/// </summary>
internal sealed class SqliteSearchIndex(MepCmsDbContext db) : ISearchIndex
{
    // FTS5 walks the matches newest first (rowid is the statement's id) and stops after MaxHits;
    // they are ranked in memory by where the words are (SearchWords). Not bm25: its IDF reads the
    // whole doclist of every word on each search, ~4-11 ms for a common word at 100,000 statements,
    // and column-filtered matches re-read the same doclists (docs/decisions/0011).
    // Only the versions in the page's language count towards the limit, so other languages' newer
    // versions never fill the 200. The match is the outer loop (CROSS JOIN keeps that order), each
    // match checked against IX_Articles_Id_Language, a small index of ids and languages, instead of
    // its row: a row keeps its language behind the body's overflow pages (decision 0304).
    internal const string MatchesSql =
        """
        SELECT s.rowid FROM ArticleSearch AS s CROSS JOIN Articles AS a INDEXED BY IX_Articles_Id_Language ON a.Id = s.rowid
        WHERE s.ArticleSearch MATCH $match AND a.Language = $language ORDER BY s.rowid DESC LIMIT $limit
        """;

    public async Task<IReadOnlyList<int>> RankedIdsAsync(IQueryable<Article> visible, SearchQuery query, string language, int pageSize, CancellationToken cancellationToken)
    {
        // One connection from the pool for the search's commands, not one per command.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var ranked = await RankedIdsAsync(visible, query, language, prefixes: false, cancellationToken);
            return ranked.Count < pageSize ? await RankedIdsAsync(visible, query, language, prefixes: true, cancellationToken) : ranked;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<List<int>> RankedIdsAsync(IQueryable<Article> visible, SearchQuery query, string language, bool prefixes, CancellationToken cancellationToken)
    {
        var matches = await MatchesAsync(prefixes ? query.ToFts5() : query.ToFts5Words(), language, cancellationToken);
        if (matches.Length == 0)
        {
            return [];
        }
        // The ids travel as one JSON parameter (json_each, each a primary-key lookup), so the SQL
        // text is the same for every search and EF Core reuses its command instead of writing
        // the SQL again for each one (as it must around a raw-SQL source with parameters).
        var candidates = await visible.Where(a => EF.Parameter(matches).Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Lead, a.PublishAt })
            .ToListAsync(cancellationToken);
        var words = new SearchWords(query.Terms, prefixes);
        return candidates
            .OrderByDescending(c => words.Rank(c.Title, c.Lead)).ThenByDescending(c => c.PublishAt).ThenByDescending(c => c.Id)
            .Select(c => c.Id)
            .ToList();
    }

    /// <summary>
    /// The ids of up to <see cref="ArticleSearch.MaxHits"/> newest matches in <paramref name="language"/>,
    /// drafts included, read with one plain command on the context's (open) connection: a few ids need
    /// none of EF Core's query work.
    /// </summary>
    private async Task<int[]> MatchesAsync(string match, string language, CancellationToken cancellationToken) =>
        [.. await IdsAsync(MatchesSql, cancellationToken, ("$match", match), ("$language", language), ("$limit", ArticleSearch.MaxHits))];

    private async Task<List<int>> IdsAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }
        return ids;
    }
}

/// <summary>A reader's words in FTS5's syntax: each one quoted (SearchQuery keeps only letters and digits), implicitly AND-ed.</summary>
public static class Fts5Query
{
    /// <summary>Every term a quoted prefix.</summary>
    public static string ToFts5(this SearchQuery query) => string.Join(' ', query.Terms.Select(t => $"\"{t}\"*"));

    /// <summary>Every term a quoted whole word.</summary>
    public static string ToFts5Words(this SearchQuery query) => string.Join(' ', query.Terms.Select(t => $"\"{t}\""));
}
