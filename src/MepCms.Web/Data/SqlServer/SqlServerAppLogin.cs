using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Data.SqlServer;

/// <summary>
/// The web instances' own database login, with no more than they need: read and write rows
/// (<c>db_datareader</c>, <c>db_datawriter</c>), no schema changes, nothing on the server. The migrate
/// step, which connects as the database's owner, creates it (or sets its password again) after
/// migrating, when <c>Database:AppLogin</c> and <c>Database:AppLoginPassword</c> are set (decision 0293).
/// </summary>
public static partial class SqlServerAppLogin
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex PlainName();

    /// <summary>
    /// Idempotent T-SQL: the names and the password are parameters; QUOTENAME makes them safe inside
    /// the dynamic statements that CREATE LOGIN and CREATE USER need (they take no parameters themselves).
    /// </summary>
    public const string Script = """
        DECLARE @sql nvarchar(max);
        IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @login)
            SET @sql = N'CREATE LOGIN ' + QUOTENAME(@login) + N' WITH PASSWORD = ' + QUOTENAME(@password, N'''') + N', CHECK_POLICY = ON, DEFAULT_DATABASE = ' + QUOTENAME(DB_NAME());
        ELSE
            SET @sql = N'ALTER LOGIN ' + QUOTENAME(@login) + N' WITH PASSWORD = ' + QUOTENAME(@password, N'''');
        EXEC sp_executesql @sql;
        IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = @login)
        BEGIN
            SET @sql = N'CREATE USER ' + QUOTENAME(@login) + N' FOR LOGIN ' + QUOTENAME(@login);
            EXEC sp_executesql @sql;
        END;
        IF IS_ROLEMEMBER(N'db_datareader', @login) = 0
        BEGIN
            SET @sql = N'ALTER ROLE db_datareader ADD MEMBER ' + QUOTENAME(@login);
            EXEC sp_executesql @sql;
        END;
        IF IS_ROLEMEMBER(N'db_datawriter', @login) = 0
        BEGIN
            SET @sql = N'ALTER ROLE db_datawriter ADD MEMBER ' + QUOTENAME(@login);
            EXEC sp_executesql @sql;
        END;
        """;

    /// <summary>Why the settings cannot make a login, or null when they can.</summary>
    public static string? Problem(string login, string? password) =>
        !PlainName().IsMatch(login) ? "Database:AppLogin must be a plain name (letters, digits, underscores, starting with a letter)."
        : string.IsNullOrEmpty(password) ? "Database:AppLoginPassword must be set with Database:AppLogin."
        : string.Equals(login, "sa", StringComparison.OrdinalIgnoreCase) ? "Database:AppLogin must not be sa: it is the web instances' own, lesser login."
        : null;

    /// <summary>Creates the login and its user in the current database, or sets the password of an existing one.</summary>
    public static Task EnsureAsync(MepCmsDbContext db, string login, string password, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(Script, [new SqlParameter("@login", login), new SqlParameter("@password", password)], cancellationToken);
}
