using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using static MepCms.Benchmarks.BulkSeeder;

namespace MepCms.Benchmarks;

/// <summary>
/// What the e-mail benchmark needs in a migrated database, written the bulk way (one transaction,
/// prepared commands): an editor to sign in as, one MEP, draft statements to publish, and
/// confirmed subscribers who chose nothing, so that every statement alerts all of them.
/// </summary>
internal static class MailSeeder
{
    public const string EditorEmail = "editor@example.test";
    /// <summary>The app's MailSender.LeaseName: the instance holding it is the one that sends.</summary>
    private const string SenderLease = "mail-sender";

    public static string DraftSlug(int id) => $"draft-{id:D4}";

    /// <summary>Seeds everything; answers the editor's password and how long it took.</summary>
    public static (string Password, TimeSpan Took) Seed(string databaseFile, int drafts, int subscribers, string baseUrl, DateTime now)
    {
        var watch = Stopwatch.StartNew();
        using var connection = Open(databaseFile);
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;");
        using var transaction = connection.BeginTransaction();
        var at = Timestamp(now);

        // An editor may publish and, unlike an admin, signs in without an authenticator code.
        var password = "benchmark editor " + RandomNumberGenerator.GetHexString(16, lowercase: true);
        var editorId = Guid.NewGuid().ToString();
        var hash = new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(EditorEmail), password);
        Run(Prepare(transaction,
            "INSERT INTO AspNetUsers (Id, DisplayName, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, " +
            "ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) " +
            "VALUES ($id, 'Benchmark Editor', $email, $upper, $email, $upper, 1, $hash, $stamp, $concurrency, 0, 0, 1, 0)",
            "$id", "$email", "$upper", "$hash", "$stamp", "$concurrency"),
            editorId, EditorEmail, EditorEmail.ToUpperInvariant(), hash, Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString());
        Run(Prepare(transaction, "INSERT INTO AspNetUserRoles (UserId, RoleId) SELECT $id, Id FROM AspNetRoles WHERE NormalizedName = 'EDITOR'", "$id"), editorId);

        Execute(connection, "INSERT INTO Authors (Id, FullName, Slug, CountryCode, PoliticalGroup, NationalParty, BioMarkdown, BioHtml, IsActive) " +
                            "VALUES (1, 'Member Alerts Example', 'mep-001', 'BE', 'EPP', 'Example Party', '', '', 1)", transaction);
        var group = Prepare(transaction, "INSERT INTO Statements (Id, RatingCount, RatingSum) VALUES ($id, 0, 0)", "$id");
        var article = Prepare(transaction,
            "INSERT INTO Articles (Id, StatementId, Title, Slug, Lead, BodyMarkdown, BodyHtml, Language, Status, PublishAt, Place, CreatedAt, CreatedById, UpdatedAt, Version) " +
            "VALUES ($id, $id, $title, $slug, $lead, $md, $html, 'en', 'Draft', NULL, 'Brussels', $at, $editor, $at, $version)",
            "$id", "$title", "$slug", "$lead", "$md", "$html", "$at", "$editor", "$version");
        var byAuthor = Prepare(transaction, "INSERT INTO ArticleAuthors (ArticleId, AuthorId, Position) VALUES ($a, 1, 0)", "$a");
        for (var i = 1; i <= drafts; i++)
        {
            const string body = "The committee voted today on the report. Our delegation asked for clear rules and open data.";
            Run(group, i);
            Run(article, i, $"Statement {i} on the committee vote", DraftSlug(i), "What the delegation said after the vote.",
                body, $"<p>{body}</p>\n", at, editorId, Guid.NewGuid().ToString().ToUpperInvariant());
            Run(byAuthor, i);
        }

        var subscriber = Prepare(transaction,
            "INSERT INTO Subscribers (Email, EmailKey, Status, Stamp, CreatedAt, ConsentAt, ConsentText, ConfirmedAt, ConfirmationRequestedAt, BaseUrl) " +
            "VALUES ($email, $email, 1, $stamp, $at, $at, $consent, $at, NULL, $base)",
            "$email", "$stamp", "$at", "$consent", "$base");
        const string consent = "I agree that MepCms Press Room keeps my e-mail address and choices to send me its statements by e-mail, until I unsubscribe.";
        for (var i = 1; i <= subscribers; i++)
        {
            Run(subscriber, $"reader{i:D5}@example.org", Guid.NewGuid().ToString().ToUpperInvariant(), at, consent, baseUrl);
        }

        // Another instance holds the sender's lease until ReleaseSender: this app queues alerts but sends none.
        Execute(connection, $"INSERT OR REPLACE INTO Lease (Name, Holder, Until) VALUES ('{SenderLease}', 'another instance', '2999-01-01 00:00:00')", transaction);
        transaction.Commit();
        Execute(connection, "PRAGMA optimize;");
        return (password, watch.Elapsed);
    }

    /// <summary>The sender may send again: its next round takes the lease.</summary>
    public static void ReleaseSender(string databaseFile) =>
        Write(databaseFile, $"DELETE FROM Lease WHERE Name = '{SenderLease}'");

    /// <summary>Forgets every queued alert (while the sender is held off), so that only the next statement's are sent.</summary>
    public static void ClearAlerts(string databaseFile) => Write(databaseFile, "DELETE FROM AlertDeliveries");

    /// <summary>Statements published but not yet live: the go-live (inline or in the background) has not taken them.</summary>
    public static long WaitingToGoLive(string databaseFile) =>
        Scalar(databaseFile, "SELECT COUNT(*) FROM Articles WHERE Status = 'Published' AND WentLiveAt IS NULL");

    public static long Published(string databaseFile) => Scalar(databaseFile, "SELECT COUNT(*) FROM Articles WHERE Status = 'Published'");

    /// <summary>The alerts queued for one statement, and how many of them are recorded as sent.</summary>
    public static (long Queued, long Sent) Alerts(string databaseFile, int articleId) =>
        (Scalar(databaseFile, $"SELECT COUNT(*) FROM AlertDeliveries WHERE ArticleId = {articleId}"),
         Scalar(databaseFile, $"SELECT COUNT(*) FROM AlertDeliveries WHERE ArticleId = {articleId} AND Status = 1"));

    private static SqliteConnection Open(string databaseFile)
    {
        var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    private static void Write(string databaseFile, string sql)
    {
        using var connection = Open(databaseFile);
        Execute(connection, sql);
    }

    private static long Scalar(string databaseFile, string sql)
    {
        using var connection = Open(databaseFile);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
