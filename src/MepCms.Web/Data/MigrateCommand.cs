using MepCms.Web.Data.Seeding;

namespace MepCms.Web.Data;

/// <summary>
/// `dotnet MepCms.Web.dll migrate`: applies the migrations, creates the roles and first admin (and
/// the demo content when configured), then exits without starting the web server. Production runs
/// it once before the web instances, which then start with Database:MigrateOnStartup=false.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    /// <summary>Runs the command named by the first argument, if any; true when one ran (the app then exits).</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (await Features.EpImport.EpImportCommand.RunAsync(app, args, Console.Out) is { } exitCode)
        {
            Environment.ExitCode = exitCode;
            return true;
        }
        if (args is not [Name, ..])
        {
            return false;
        }
        try
        {
            app.Logger.LogInformation("Applying database migrations");
            await app.PrepareAsync(migrate: true);
            app.Logger.LogInformation("The database is up to date");
            await EnsureAppLoginAsync(app);
        }
        catch (Exception exception)
        {
            app.Logger.LogCritical(exception, "Migrating the database failed");
            Environment.ExitCode = 1;
        }
        return true;
    }

    /// <summary>On SQL Server with <c>Database:AppLogin</c> set: the web instances' own least-privilege login (SqlServerAppLogin).</summary>
    private static async Task EnsureAppLoginAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (options.Provider != DatabaseProvider.SqlServer || string.IsNullOrWhiteSpace(options.AppLogin))
        {
            return;
        }
        if (SqlServer.SqlServerAppLogin.Problem(options.AppLogin, options.AppLoginPassword) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        await using var scope = app.Services.CreateAsyncScope();
        await SqlServer.SqlServerAppLogin.EnsureAsync(scope.ServiceProvider.GetRequiredService<MepCmsDbContext>(), options.AppLogin, options.AppLoginPassword!, app.Lifetime.ApplicationStopping);
        app.Logger.LogInformation("The web instances' login {Login} may read and write rows", options.AppLogin);
    }
}
