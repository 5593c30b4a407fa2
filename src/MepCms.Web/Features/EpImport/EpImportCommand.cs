using System.Text.RegularExpressions;
using MepCms.Web.Data.Seeding;

namespace MepCms.Web.Features.EpImport;

/// <summary>
/// <c>dotnet MepCms.Web.dll import-ep --meps 1294,197403 [--from DIR] [--dry-run]</c> (or <c>--all</c>): the
/// import from the command line, with the app's own settings and database. Prints the preview and a
/// summary; exits 0 on success, 1 on an error (nothing written), 2 on bad arguments.
/// </summary>
public static partial class EpImportCommand
{
    public const string Name = "import-ep";

    public const string Usage = "Usage: import-ep (--meps ID[,ID…] | --all) [--from DIR] [--dry-run]";

    /// <summary>What the command line asks for.</summary>
    public sealed record Arguments(EpImportRequest Request, string? From, bool DryRun);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex PlainId();

    /// <summary>Reads the arguments after the command's name; an error says what is wrong.</summary>
    public static (Arguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        List<string>? ids = null;
        string? from = null;
        bool all = false, dryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--meps" when i + 1 < args.Count && ids is null:
                    ids = args[++i].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
                    if (ids.Count == 0 || ids.Any(id => !PlainId().IsMatch(id))) return (null, $"--meps wants EP identifiers separated by commas, such as 1294,197403; got “{args[i]}”.");
                    break;
                case "--from" when i + 1 < args.Count && from is null:
                    from = args[++i];
                    break;
                case "--all" when !all:
                    all = true;
                    break;
                case "--dry-run" when !dryRun:
                    dryRun = true;
                    break;
                default:
                    return (null, $"Unexpected argument “{args[i]}”.");
            }
        }
        if (all == (ids is not null)) return (null, "Name the MEPs with --meps, or import every current MEP with --all (one of the two).");
        if (from is not null && !Directory.Exists(from)) return (null, $"--from names a folder that does not exist: {from}");
        return (new Arguments(all ? EpImportRequest.All : new EpImportRequest(ids!, false), from, dryRun), null);
    }

    /// <summary>Runs the command named by <paramref name="args"/>[0]; the exit code, or null when the arguments name another command.</summary>
    public static async Task<int?> RunAsync(WebApplication app, string[] args, TextWriter output)
    {
        if (args is not [Name, .. var rest]) return null;
        var (arguments, error) = Parse(rest);
        if (arguments is null)
        {
            await output.WriteLineAsync(error);
            await output.WriteLineAsync(Usage);
            return 2;
        }
        await app.PrepareAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var source = arguments.From is not null ? new EpDirectory(arguments.From) : scope.ServiceProvider.GetService<IEpSource>();
        if (source is null)
        {
            await output.WriteLineAsync("No online source is configured; import from saved files with --from DIR.");
            return 1;
        }
        var importer = scope.ServiceProvider.GetRequiredService<EpImporter>();
        try
        {
            var plan = await importer.PrepareAsync(source, arguments.Request, app.Lifetime.ApplicationStopping);
            await WriteAsync(plan, output);
            if (plan.Errors.Count > 0)
            {
                await output.WriteLineAsync("Nothing was written: correct the errors above, or leave those MEPs out, and run the import again.");
                return 1;
            }
            if (arguments.DryRun)
            {
                await output.WriteLineAsync($"Dry run, nothing written: {plan.Summary}");
                return 0;
            }
            var (result, current) = await importer.ApplyAsync(source, arguments.Request, EpImportActor.CommandLine, plan.Fingerprint, app.Lifetime.ApplicationStopping);
            if (result is null)
            {
                await output.WriteLineAsync("The EP's data changed while the import ran; nothing was written. Run the import again.");
                return 1;
            }
            foreach (var warning in result.PhotoWarnings) await output.WriteLineAsync($"warning  {warning}");
            await output.WriteLineAsync($"Imported from {current.Source}: {current.Summary}; {result.PhotosStored} photos stored.");
            return 0;
        }
        catch (Exception e) when (e is EpUnavailableException or EpFormatException)
        {
            await output.WriteLineAsync($"The import failed and nothing was written: {e.Message}");
            return 1;
        }
    }

    private static async Task WriteAsync(EpImportPlan plan, TextWriter output)
    {
        foreach (var mep in plan.Meps.Where(m => m.Change != EpMepChange.Unchanged))
        {
            await output.WriteLineAsync($"{mep.Change.ToString().ToLowerInvariant(),-9}{mep.EpId,-10}{mep.FullName}");
            foreach (var field in mep.Fields) await output.WriteLineAsync($"{"",19}{field.Field}: {(field.Before.Length == 0 ? "—" : field.Before)} → {field.After}");
        }
        foreach (var committee in plan.Committees)
            await output.WriteLineAsync($"{(committee.IsNew ? "new" : "changed"),-9}{committee.Code,-10}{committee.Name}");
        foreach (var warning in plan.Warnings) await output.WriteLineAsync($"warning  {warning}");
        foreach (var (id, error) in plan.Errors) await output.WriteLineAsync($"error    {id,-10}{error}");
    }
}
