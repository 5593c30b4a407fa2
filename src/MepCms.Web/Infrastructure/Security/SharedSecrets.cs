using System.Security.Cryptography;
using MepCms.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Infrastructure.Security;

/// <summary>
/// A secret every instance of the site must share (the readers' hash key), stored once in the
/// database and encrypted there with the Data Protection key ring (itself in the database, and at
/// rest under a certificate when one is configured).
/// </summary>
public sealed class SharedSecret
{
    public string Name { get; set; } = "";
    /// <summary>Base64 of the Data Protection payload; never the secret itself.</summary>
    public string ProtectedValue { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class SharedSecretConfiguration : IEntityTypeConfiguration<SharedSecret>
{
    public void Configure(EntityTypeBuilder<SharedSecret> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.ProtectedValue).HasMaxLength(2048).IsRequired();
    }
}

/// <summary>
/// Reads a shared secret, or makes it: the first instance to need it stores it (an existing value
/// handed over, or 32 random bytes), and one that loses the race reads the winner's, so every
/// instance uses the same value with no setting and no shared file (decision 0283).
/// </summary>
public sealed class SharedSecrets(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <param name="existing">A value to keep when none is stored yet (one an older version kept elsewhere), or null for a new one.</param>
    /// <returns>The secret, and whether this call stored it.</returns>
    public (byte[] Value, bool Stored) GetOrCreate(string name, Func<byte[]?> existing)
    {
        var protector = protection.CreateProtector("MepCms.SharedSecrets", name);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        if (Read(db, name) is { } stored)
        {
            return (protector.Unprotect(stored), false);
        }
        var value = existing() ?? RandomNumberGenerator.GetBytes(32);
        db.Set<SharedSecret>().Add(new SharedSecret
        {
            Name = name, ProtectedValue = Convert.ToBase64String(protector.Protect(value)), CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            db.SaveChanges();
            return (value, true);
        }
        catch (DbUpdateException)
        {
            // Another instance stored it first (the name is the key): theirs is the one.
            db.ChangeTracker.Clear();
            return (protector.Unprotect(Read(db, name) ?? throw new InvalidOperationException($"The shared secret {name} could be neither stored nor read.")), false);
        }
    }

    private static byte[]? Read(MepCmsDbContext db, string name) =>
        db.Set<SharedSecret>().AsNoTracking().Where(s => s.Name == name).Select(s => s.ProtectedValue).FirstOrDefault() is { } value
            ? Convert.FromBase64String(value)
            : null;
}
