using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Attachments;

/// <summary>
/// When a statement is deleted its documents' rows go with it (cascade); this removes their files.
/// It removes every stored document no row names, once it is older than a minute, so an upload whose
/// row is being saved at this moment is left alone, and a file left by an earlier failure goes too.
/// </summary>
internal sealed class AttachmentSweep(IServiceScopeFactory scopes, AttachmentFiles files, ILogger<AttachmentSweep> logger) : IPublicationListener
{
    private static readonly TimeSpan Settling = TimeSpan.FromMinutes(1);

    public async Task OnPublicationChangedAsync(PublicationChanged change, CancellationToken cancellationToken)
    {
        if (change.Change != PublicationChange.Deleted)
        {
            return;
        }
        var stored = files.Stored(olderThan: Settling);
        if (stored.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MepCmsDbContext>();
        var named = await db.ArticleAttachments.Where(a => stored.Contains(a.FileName)).Select(a => a.FileName).ToListAsync(cancellationToken);
        foreach (var orphan in stored.Except(named, StringComparer.Ordinal))
        {
            files.Delete(orphan);
            logger.LogInformation("Removed the document file {FileName}, which no statement names any more", orphan);
        }
    }
}
