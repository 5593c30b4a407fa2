using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MepCms.Tests.Features.Ratings;
using MepCms.Tests.Support;
using MepCms.Web.Features.Ratings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Infrastructure;

/// <summary>Runs alone: its load takes both cores for a few seconds, which would slow other tests' servers.</summary>
[CollectionDefinition(nameof(CrashTests), DisableParallelization = true)]
public sealed class CrashTestsCollection;

/// <summary>
/// The app's process killed (SIGKILL) while readers rate, or while an editor saves, then started again
/// on the same database: every vote a reader was told was accepted, and every statement an editor was
/// told was saved, is stored whole; statements due go live exactly once; SQLite's integrity check
/// passes (decision 0285).
/// </summary>
[Collection(nameof(CrashTests))]
public sealed class CrashTests : IDisposable
{
    private readonly SharedDatabase _database = new();
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task Every_vote_acknowledged_before_a_kill_9_is_stored_and_the_database_is_whole()
    {
        int articleId;
        string slug;
        await using (var setup = new AppInstance(_database.File))
        {
            setup.StartServer();
            var article = await setup.PublishedArticleAsync();
            (articleId, slug) = (article.Id, article.Slug);
        }
        var accepted = new ConcurrentDictionary<string, int>();

        var port = FreePort();
        using (var app = Start(port))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilHealthyAsync(client, app);
            using var stop = new CancellationTokenSource();
            var readers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var visitor = VisitorIdentity.NewId();
                    var score = 1 + (visitor[0] % 5);
                    try
                    {
                        var response = await client.RateAsync(slug, score, visitor);
                        if (response.IsSuccessStatusCode)
                        {
                            accepted[visitor] = score;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The process is gone: this vote was never acknowledged.
                    }
                    catch (TaskCanceledException)
                    {
                    }
                }
            })).ToList();
            // Kill in the middle of the load, once a good number of votes went through.
            while (accepted.Count < 300)
            {
                await Task.Delay(20);
            }
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }

        // Started again on the same file: it opens, recovers its journal and answers.
        port = FreePort();
        using (var again = Start(port))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilHealthyAsync(client, again);
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={_database.File};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", await ScalarAsync<string>(connection, "PRAGMA integrity_check"));
        var stored = new Dictionary<string, int>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT VisitorHash, Score FROM Ratings WHERE StatementId = (SELECT StatementId FROM Articles WHERE Id = {articleId})";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        var lost = accepted.Where(v => !stored.TryGetValue(Hash(v.Key), out var score) || score != v.Value).ToList();
        Assert.True(accepted.Count >= 300, $"{accepted.Count} votes acknowledged");
        Assert.Empty(lost);
        Assert.Equal(stored.Count, await ScalarAsync<long>(connection, $"SELECT s.RatingCount FROM Statements s JOIN Articles a ON a.StatementId = s.Id WHERE a.Id = {articleId}"));
        Assert.Equal(stored.Values.Sum(), await ScalarAsync<long>(connection, $"SELECT s.RatingSum FROM Statements s JOIN Articles a ON a.StatementId = s.Id WHERE a.Id = {articleId}"));
    }

    [Fact]
    public async Task Every_save_an_editor_was_told_of_before_a_kill_9_is_stored_whole()
    {
        string email;
        int authorId;
        await using (var setup = new AppInstance(_database.File))
        {
            setup.StartServer();
            (_, email) = await setup.CreateUserAsync(MepCms.Web.Features.Account.Roles.Editor);
            authorId = (await setup.SaveAsync(TestData.Author())).Id;
        }
        var saved = new ConcurrentDictionary<int, string>();

        var port = FreePort();
        using (var app = Start(port))
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilHealthyAsync(client, app);
            Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, Staff.Password)).StatusCode);
            var token = await client.AntiforgeryTokenAsync("/admin/articles/new");
            using var stop = new CancellationTokenSource();
            var editors = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var title = $"Saved before the crash {n}-{i}";
                    try
                    {
                        var response = await client.PostAsync("/admin/articles/new",
                            Staff.Form(EditorForms.Fields(title, authorId, body: $"The text of {title}, long enough to matter. " + new string('x', 2000)), token));
                        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Split('/') is [_, "admin", "articles", var id, ..])
                        {
                            saved[int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)] = title;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The process is gone: this save was never acknowledged.
                    }
                    catch (TaskCanceledException)
                    {
                    }
                }
            })).ToList();
            while (saved.Count < 40)
            {
                await Task.Delay(20);
            }
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(editors);
        }

        port = FreePort();
        using (var again = Start(port))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilHealthyAsync(client, again);
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={_database.File};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", await ScalarAsync<string>(connection, "PRAGMA integrity_check"));
        foreach (var (id, title) in saved)
        {
            Assert.Equal(title, await ScalarAsync<string>(connection, $"SELECT Title FROM Articles WHERE Id = {id}"));
            Assert.Equal(1L, await ScalarAsync<long>(connection, $"SELECT COUNT(*) FROM ArticleRevisions WHERE ArticleId = {id}"));
            Assert.Equal(1L, await ScalarAsync<long>(connection, $"SELECT COUNT(*) FROM AuditEntries WHERE EntityType = 'Article' AND EntityId = '{id}' AND Action = 'Article.Created'"));
        }
        // Nothing half-stored: every statement has its revision, acknowledged or not.
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM Articles a WHERE NOT EXISTS (SELECT 1 FROM ArticleRevisions r WHERE r.ArticleId = a.Id)"));
    }

    [Fact]
    public async Task A_kill_9_during_go_live_leaves_every_statement_gone_live_exactly_once_after_the_restart()
    {
        const int Due = 600;
        await using (var setup = new AppInstance(_database.File))
        {
            setup.StartServer();
            var author = await setup.SaveAsync(TestData.Author());
            await setup.WithDbAsync(async db =>
            {
                // Scheduled for a time already past on the real clock the process runs on, none gone live yet.
                var past = DateTimeOffset.UtcNow.AddMinutes(-5);
                for (var i = 0; i < Due; i++)
                {
                    var article = TestData.Article(setup, title: $"Due {i}", status: MepCms.Web.Features.Articles.ArticleStatus.Published, publishAt: past);
                    article.Authors.Clear();
                    article.Authors.Add(new MepCms.Web.Features.Articles.ArticleAuthor { AuthorId = author.Id, Position = 0 });
                    db.Articles.Add(article);
                }
                await db.SaveChangesAsync();
            });
        }

        long atKill;
        var port = FreePort();
        using (var app = Start(port))
        {
            // The go-live pass starts with the process: kill it once some, not all, have gone live.
            await using var watch = new SqliteConnection($"Data Source={_database.File};Pooling=False");
            await watch.OpenAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((atKill = await ScalarAsync<long>(watch, "SELECT COUNT(*) FROM Articles WHERE WentLiveAt IS NOT NULL")) == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            atKill = await ScalarAsync<long>(watch, "SELECT COUNT(*) FROM Articles WHERE WentLiveAt IS NOT NULL");
        }
        Assert.InRange(atKill, 1, Due - 1); // killed half-way, or the test proves nothing

        port = FreePort();
        using (var again = Start(port))
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilHealthyAsync(client, again);
            await using var watch = new SqliteConnection($"Data Source={_database.File};Pooling=False");
            await watch.OpenAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await ScalarAsync<long>(watch, "SELECT COUNT(*) FROM Articles WHERE WentLiveAt IS NULL") > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={_database.File};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", await ScalarAsync<string>(connection, "PRAGMA integrity_check"));
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM Articles WHERE WentLiveAt IS NULL"));
        Assert.Equal((long)Due, await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'Article.WentLive'"));
        Assert.Equal(0L, await ScalarAsync<long>(connection,
            "SELECT COUNT(*) FROM (SELECT EntityId FROM AuditEntries WHERE Action = 'Article.WentLive' GROUP BY EntityId HAVING COUNT(*) <> 1)"));
    }

    private string Hash(string visitor) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(visitor)));

    /// <summary>The web project's own build output as its own process, the way the container runs it.</summary>
    private Process Start(int port)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/{Configuration}/net10.0
        var folder = Path.Combine(DeploymentTests.Root, "src", "MepCms.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(folder, "MepCms.Web.dll") },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__MepCms"] = $"Data Source={_database.File}",
                ["Admin__Email"] = MepCmsFactory.AdminEmail,
                ["Admin__Password"] = MepCmsFactory.AdminPassword,
                ["Admin__PasswordFile"] = Path.Combine(_database.Folder, "password.txt"),
                ["Media__Folder"] = Path.Combine(_database.Folder, "media"),
                ["Ratings__VisitorHashKey"] = Convert.ToBase64String(_key),
                ["Ratings__RateLimit__TokenLimit"] = "100000000",
                ["Ratings__RateLimit__TokensPerPeriod"] = "100000000",
                ["Serilog__MinimumLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the app did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        Assert.Fail(process.HasExited ? $"the app exited with {process.ExitCode}" : "the app did not answer /health within 60 s");
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _database.Dispose();
}
