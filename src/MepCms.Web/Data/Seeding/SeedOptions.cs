namespace MepCms.Web.Data.Seeding;

/// <summary>The `Seed` section.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";
    /// <summary>Fictional MEPs, committees and statements, so a new installation looks alive.</summary>
    public bool DemoContent { get; set; }
}

/// <summary>The `Admin` section: the first administrator, created when no user exists.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";
    public string? Email { get; set; }
    public string? Password { get; set; }
    /// <summary>Where a generated first password is written; relative paths are under the content root.</summary>
    public string PasswordFile { get; set; } = "App_Data/initial-admin-password.txt";
}
