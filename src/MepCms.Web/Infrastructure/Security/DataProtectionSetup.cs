using MepCms.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Infrastructure.Security;

public static class DataProtectionSetup
{
    /// <summary>
    /// Every instance, and every restart, reads one key ring from the database under one fixed
    /// application name, so a sign-in cookie or form token made by one is valid on all.
    /// </summary>
    public const string ApplicationName = "MepCms";

    public static IServiceCollection AddMepCmsDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<MepCmsDbContext>();
        return services;
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.Property(k => k.FriendlyName).HasMaxLength(256);
        // A key's XML is about 1 KB; an encrypted one more. Above 4000 SQL Server uses nvarchar(max).
        builder.Property(k => k.Xml).HasMaxLength(16_000);
    }
}
