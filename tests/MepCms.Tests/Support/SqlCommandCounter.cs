using System.Collections.Concurrent;
using System.Data.Common;
using MepCms.Web.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Support;

/// <summary>
/// Records the SQL commands the app sends through EF Core: how many (to hold pages to a fixed number
/// of queries), their text (to check what a request may write) and their parameters (to ask SQLite
/// how it would run them).
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();

    public int Count => _commands.Count;

    public IReadOnlyCollection<string> Texts => _commands.Select(c => c.Text).ToList();

    public IReadOnlyCollection<RecordedCommand> Commands => _commands;

    public void Reset() => _commands.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    private T Record<T>(DbCommand command, T result)
    {
        _commands.Enqueue(new RecordedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
        return result;
    }
}

/// <summary>One command as the app sent it.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>The app with a <see cref="SqlCommandCounter"/> on its DbContext.</summary>
public sealed class CountingFactory : MepCmsFactory
{
    public SqlCommandCounter Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SqliteMepCmsDbContext>(o => o.AddInterceptors(Commands)));
    }

    /// <summary>How many SQL commands answering <paramref name="url"/> took.</summary>
    public async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        Commands.Reset();
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return Commands.Count;
    }
}
