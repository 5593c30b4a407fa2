using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MepCms.Benchmarks;

/// <summary>
/// Fills a migrated, empty database with fictional statements, MEPs, committees, topics and
/// ratings through raw parameterised INSERTs in one transaction: the bulk path, far faster than
/// the app's own writers, which is fine because it writes exactly the rows they would.
/// </summary>
internal static class BulkSeeder
{
    public const int Authors = 60;
    public const int Committees = 20;
    public const int Topics = 30;

    private static readonly string[] Words =
        ("energy farmers climate rule law migration trade digital water grid budget health transport media rights " +
         "funds research data security youth parliament council commission vote report amendment directive " +
         "regulation citizens regions industry workers markets prices storage reform oversight transparency").Split(' ');

    public static TimeSpan Seed(string databaseFile, int statements, int ratings, DateTime now)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;");
        using var transaction = connection.BeginTransaction();
        var random = new Random(42);

        var author = Prepare(transaction, "INSERT INTO Authors (Id, FullName, Slug, CountryCode, PoliticalGroup, NationalParty, BioMarkdown, BioHtml, IsActive) VALUES ($id, $name, $slug, 'BE', 'EPP', 'Example Party', '', '', 1)", "$id", "$name", "$slug");
        for (var i = 1; i <= Authors; i++)
        {
            Run(author, i, $"Member {Name(i)} Example", $"mep-{i:D3}");
        }
        var committee = Prepare(transaction, "INSERT INTO Committees (Id, Code, Slug, Name, Description, IsActive) VALUES ($id, $code, $slug, $name, '', 1)", "$id", "$code", "$slug", "$name");
        for (var i = 1; i <= Committees; i++)
        {
            Run(committee, i, $"C{i:D2}", $"committee-{i:D2}", $"Committee on {Words[i % Words.Length]} and {Words[(i * 7) % Words.Length]}");
        }
        var topic = Prepare(transaction, "INSERT INTO Topics (Id, Slug, Name, Description, IsActive) VALUES ($id, $slug, $name, '', 1)", "$id", "$slug", "$name");
        for (var i = 1; i <= Topics; i++)
        {
            Run(topic, i, $"topic-{i:D2}", $"Topic {Words[i % Words.Length]}");
        }

        // Each statement is a group of one version, with the same id.
        var group = Prepare(transaction, "INSERT INTO Statements (Id, RatingCount, RatingSum) VALUES ($id, 0, 0)", "$id");
        var article = Prepare(transaction,
            // Gone live already (WentLiveAt set), as a site that has run for a while has them: otherwise
            // the go-live service would work through them all, evicting pages, while the load runs.
            "INSERT INTO Articles (Id, StatementId, Title, Slug, Lead, BodyMarkdown, BodyHtml, Language, Status, PublishAt, WentLiveAt, Place, CreatedAt, UpdatedAt, Version) " +
            "VALUES ($id, $group, $title, $slug, $lead, $md, $html, $language, 'Published', $at, $at, 'Brussels', $at, $at, $version)",
            "$id", "$group", "$title", "$slug", "$lead", "$md", "$html", "$language", "$at", "$version");
        var byAuthor = Prepare(transaction, "INSERT INTO ArticleAuthors (ArticleId, AuthorId, Position) VALUES ($a, $b, 0)", "$a", "$b");
        var byCommittee = Prepare(transaction, "INSERT INTO ArticleCommittee (ArticleId, CommitteeId) VALUES ($a, $b)", "$a", "$b");
        var byTopic = Prepare(transaction, "INSERT INTO ArticleTopic (ArticleId, TopicId) VALUES ($a, $b)", "$a", "$b");
        // Every statement in English; every fourth also in Dutch and every eighth also in French
        // (statement 1, the benchmarked page, in all three), so the seed spreads over languages. A
        // statement's versions take consecutive ids, as versions written together do on a real site
        // (the search walks matches newest id first).
        var nextVersion = 1;
        for (var i = 1; i <= statements; i++)
        {
            var paragraphs = Enumerable.Range(0, 6).Select(_ => Sentence(random, 40)).ToArray();
            var at = Timestamp(now.AddMinutes(-i));
            var (title, lead) = (Sentence(random, 6), Sentence(random, 25));
            var (markdown, html) = (string.Join("\n\n", paragraphs), string.Concat(paragraphs.Select(p => $"<p>{p}</p>\n")));
            Run(group, i);
            foreach (var (id, language, name, slug) in Versions(i, ref nextVersion))
            {
                Run(article, id, i, $"{name} {i}: {title}", slug, lead, markdown, html, language, at, Guid.NewGuid().ToString().ToUpperInvariant());
                Run(byAuthor, id, 1 + i % Authors);
                Run(byCommittee, id, 1 + i % Committees);
                Run(byTopic, id, 1 + i % Topics);
            }
        }

        var rating = Prepare(transaction, "INSERT INTO Ratings (StatementId, Score, VisitorHash, CreatedAt, UpdatedAt) VALUES ($a, $s, $h, $at, $at)", "$a", "$s", "$h", "$at");
        var hash = new byte[32];
        var ratedAt = Timestamp(now.AddMinutes(-1));
        for (var i = 0; i < ratings; i++)
        {
            random.NextBytes(hash);
            // Statement 1 (the benchmarked page) is left unrated; the others share the votes.
            Run(rating, 2 + i % Math.Max(1, statements - 1), 1 + random.Next(5), Convert.ToHexStringLower(hash), ratedAt);
        }
        Execute(connection, "UPDATE Statements SET RatingCount = (SELECT COUNT(*) FROM Ratings r WHERE r.StatementId = Statements.Id), " +
                            "RatingSum = (SELECT COALESCE(SUM(Score), 0) FROM Ratings r WHERE r.StatementId = Statements.Id)", transaction);
        transaction.Commit();
        Execute(connection, "PRAGMA optimize;");
        return watch.Elapsed;
    }

    public static string Slug(int id) => $"statement-{id:D6}";

    /// <summary>The slug of statement <c>n</c>'s Dutch version is this and its number in six digits.</summary>
    public const string DutchSlugPrefix = "verklaring-";

    /// <summary>Statement <paramref name="i"/>'s versions: id, language, title word, slug.</summary>
    private static List<(int Id, string Language, string Name, string Slug)> Versions(int i, ref int nextVersion)
    {
        var versions = new List<(int, string, string, string)> { (nextVersion++, "en", "Statement", Slug(i)) };
        if (i % 4 == 1)
        {
            versions.Add((nextVersion++, "nl", "Verklaring", $"{DutchSlugPrefix}{i:D6}"));
        }
        if (i % 8 == 1)
        {
            versions.Add((nextVersion++, "fr", "Déclaration", $"declaration-{i:D6}"));
        }
        return versions;
    }

    private static string Name(int i) => $"{(char)('A' + i % 26)}{Words[i % Words.Length]}";

    private static string Sentence(Random random, int words)
    {
        var text = string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    /// <summary>The text form EF Core's SQLite provider stores a UTC DateTime in.</summary>
    internal static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    internal static SqliteCommand Prepare(SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = transaction.Connection!.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    internal static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
