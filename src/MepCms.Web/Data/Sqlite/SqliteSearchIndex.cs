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
    // versions never fill the 200: matches are read newest first in batches (200, then twice as
    // many each time), each batch's ids kept in the language by one primary-key lookup each. A join
    // inside the match instead costs ~140 ms at 100,000 statements: SQLite then reads far more.
    private const string MatchesSql =
        "SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH $match AND rowid < $before ORDER BY rowid DESC LIMIT $limit";

    private const string InLanguageSql =
        "SELECT Id FROM Articles WHERE Language = $language AND Id IN (SELECT value FROM json_each($ids))";

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
    /// drafts included, read with plain commands on the context's (open) connection: a few ids need
    /// none of EF Core's query work.
    /// </summary>
    private async Task<int[]> MatchesAsync(string match, string language, CancellationToken cancellationToken)
    {
        var found = new List<int>(ArticleSearch.MaxHits);
        var (before, limit) = (long.MaxValue, ArticleSearch.MaxHits);
        while (found.Count < ArticleSearch.MaxHits)
        {
            var batch = await IdsAsync(MatchesSql, cancellationToken, ("$match", match), ("$before", before), ("$limit", limit));
            if (batch.Count == 0)
            {
                break;
            }
            var kept = (await IdsAsync(InLanguageSql, cancellationToken, ("$language", language), ("$ids", $"[{string.Join(',', batch)}]"))).ToHashSet();
            found.AddRange(batch.Where(kept.Contains).Take(ArticleSearch.MaxHits - found.Count));
            if (batch.Count < limit)
            {
                break;
            }
            (before, limit) = (batch[^1], limit * 2);
        }
        return [.. found];
    }

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
