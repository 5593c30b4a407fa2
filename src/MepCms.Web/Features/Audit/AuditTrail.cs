using System.Security.Claims;
using MepCms.Web.Data;

namespace MepCms.Web.Features.Audit;

/// <summary>Adds audit entries to the unit of work, so an entry is saved exactly when its change is.</summary>
public static class AuditTrail
{
    public static AuditEntry Record(this MepCmsDbContext db, ClaimsPrincipal user, DateTime at, string action, string entityType, object entityId, string summary) =>
        db.Record(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "", at, action, entityType, entityId, summary);

    public static AuditEntry Record(this MepCmsDbContext db, string? userId, string userName, DateTime at, string action, string entityType, object entityId, string summary)
    {
        var entry = new AuditEntry
        {
            At = at, UserId = userId, UserName = Clip(userName, Limits.Email), Action = action, EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "", Summary = Clip(summary, 1000),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
