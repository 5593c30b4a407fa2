using System.ComponentModel.DataAnnotations;

namespace MepCms.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The `Database` section of the settings.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>SQL Server: the web instances' own login, created by <c>migrate</c> (which connects as the owner); unset, none is made.</summary>
    public string? AppLogin { get; set; }

    /// <summary>Its password (from the environment, never the settings file).</summary>
    public string? AppLoginPassword { get; set; }

    public const string DefaultConnectionString = "Data Source=App_Data/mepcms.db";
}
