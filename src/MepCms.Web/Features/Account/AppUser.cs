using Microsoft.AspNetCore.Identity;

namespace MepCms.Web.Features.Account;

/// <summary>A member of the press office staff who signs in to the back office.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>The roles of the back office, from least to most trusted.</summary>
public static class Roles
{
    public const string Contributor = "Contributor";
    public const string Editor = "Editor";
    public const string Admin = "Admin";
    public static readonly string[] All = [Admin, Editor, Contributor];
}

internal sealed class AppUserConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<AppUser>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<AppUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(Limits.Name).IsRequired();
}
