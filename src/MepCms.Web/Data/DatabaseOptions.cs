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

    public const string DefaultConnectionString = "Data Source=App_Data/mepcms.db";
}
