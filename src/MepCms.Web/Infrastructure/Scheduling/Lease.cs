using MepCms.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Infrastructure.Scheduling;

/// <summary>
/// Who runs a background job of which only one may run across all instances (the alert sender),
/// and until when. A holder that stops renewing loses it when <see cref="Until"/> passes.
/// </summary>
public sealed class Lease
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTime Until { get; set; }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(64).IsRequired();
    }
}

/// <summary>Takes or renews a lease with one conditional UPDATE, as go-live claims a statement (0053).</summary>
public static class Leases
{
    /// <summary>True when <paramref name="holder"/> holds <paramref name="name"/> until now + <paramref name="duration"/>.</summary>
    public static async Task<bool> TryHoldAsync(this MepCmsDbContext db, string name, string holder, DateTime now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = now + duration;
        var held = await db.Set<Lease>().Where(l => l.Name == name && (l.Holder == holder || l.Until < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until), cancellationToken);
        if (held == 1)
        {
            return true;
        }
        if (await db.Set<Lease>().AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }
        db.Set<Lease>().Add(new Lease { Name = name, Holder = holder, Until = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance created it first: it holds the lease.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
