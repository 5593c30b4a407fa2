using System.Data.Common;
using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Infrastructure.ScaleOut;

/// <summary>
/// SQLite's file cannot grow (as on a full disk: <c>PRAGMA max_page_count</c> pinned to the pages it has),
/// or another writer holds the lock past the busy timeout: a save answers the friendly 503, nothing is
/// stored half-way, and the same save works once there is room again, without a restart.
/// </summary>
public sealed class DatabaseFullTests
{
    [Fact]
    public async Task A_save_on_a_full_disk_is_a_friendly_503_with_nothing_stored_and_works_once_there_is_room()
    {
        await using var app = new FullDiskFactory();
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var (articles, revisions, audit) = await CountsAsync(app);
        var fields = EditorForms.Fields("A statement too large for the disk", mep.Id, body: new string('x', 60_000) + "\n\n" + string.Join(" ", Enumerable.Range(0, 4000)));

        var token = await editor.Client.AntiforgeryTokenAsync("/admin/articles/new");

        app.Disk.Full = true;
        var refused = await editor.Client.PostAsync("/admin/articles/new", Staff.Form(fields, token));
        app.Disk.Full = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Briefly unavailable", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal((articles, revisions, audit), await CountsAsync(app));
        Assert.Equal(["ok"], await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").ToListAsync()));

        var id = await editor.Client.CreateDraftAsync(fields);

        Assert.Equal("A statement too large for the disk", (await app.ReloadAsync(id)).Title);
        Assert.Equal(articles + 1, (await CountsAsync(app)).Articles);
    }

    [Fact]
    public async Task A_save_while_another_writer_holds_the_lock_past_the_busy_timeout_is_a_friendly_503_and_works_after()
    {
        await using var app = new FullDiskFactory(busyTimeoutMilliseconds: 300);
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var (articles, _, audit) = await CountsAsync(app);
        var fields = EditorForms.Fields("Saved after the lock", mep.Id);
        var token = await editor.Client.AntiforgeryTokenAsync("/admin/articles/new");

        await using (var other = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            var refused = await editor.Client.PostAsync("/admin/articles/new", Staff.Form(fields, token));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }
        Assert.Equal((articles, audit), (await CountsAsync(app)) is var c ? (c.Articles, c.Audit) : default);

        var id = await editor.Client.CreateDraftAsync(fields);
        Assert.Equal("Saved after the lock", (await app.ReloadAsync(id)).Title);
    }

    private static Task<(int Articles, int Revisions, int Audit)> CountsAsync(MepCmsFactory app) =>
        app.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.ArticleRevisions.CountAsync(), await db.AuditEntries.CountAsync()));

    /// <summary>The app with a switch that stops its SQLite file from growing, and optionally a short busy timeout.</summary>
    private sealed class FullDiskFactory(int? busyTimeoutMilliseconds = null) : MepCmsFactory
    {
        public DiskSwitch Disk { get; } = new(busyTimeoutMilliseconds);

        protected override string EnvironmentName => "Production";

        // Microsoft.Data.Sqlite retries a busy database until the command timeout (30 s by default): a second here.
        protected override void Configure(IDictionary<string, string?> settings)
        {
            if (busyTimeoutMilliseconds is not null) settings["ConnectionStrings:MepCms"] = $"Data Source={DatabaseFile};Default Timeout=1";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Disk));
        }
    }

    /// <summary>Applied on every open of the app's connections (after the app's own settings).</summary>
    private sealed class DiskSwitch(int? busyTimeoutMilliseconds) : DbConnectionInterceptor
    {
        public volatile bool Full;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            var pages = 1073741823L;
            if (Full)
            {
                command.CommandText = "PRAGMA page_count";
                pages = (long)command.ExecuteScalar()!;
            }
            command.CommandText = $"PRAGMA max_page_count = {pages};" + (busyTimeoutMilliseconds is { } ms ? $" PRAGMA busy_timeout = {ms};" : "");
            command.ExecuteNonQuery();
        }
    }
}
