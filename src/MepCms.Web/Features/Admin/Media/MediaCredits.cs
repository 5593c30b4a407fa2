using MepCms.Web.Data;
using MepCms.Web.Features.Media;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Markdown;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Media;

/// <summary>
/// After an image's credit (or alternative text) changed: the statements, their scheduled updates and
/// the MEP biographies that show it are rendered again (a lead image needs no rendering: its credit is read with the page) from their Markdown (their text, version and
/// dates untouched), and every cached page is evicted, as an MEP photo's credit shows on many pages.
/// Each is written only if its text is still the one rendered: a save in between keeps its own HTML.
/// </summary>
public sealed class MediaCredits(MepCmsDbContext db, IMarkdownRenderer markdown, MediaImageSizes imageSizes, IPublicCache cache)
{
    /// <returns>How many statements and profiles were rendered again.</returns>
    public async Task<int> RenderAgainAsync(string fileName, CancellationToken cancellationToken)
    {
        var count = 0;
        var statements = await db.Articles.Where(a => a.BodyMarkdown.Contains(fileName)).Select(a => new { a.Id, a.BodyMarkdown, a.Version, a.Language }).ToListAsync(cancellationToken);
        foreach (var statement in statements)
        {
            var html = await imageSizes.AddAsync(markdown.Render(statement.BodyMarkdown, statement.Language), cancellationToken);
            count += await db.Articles.Where(a => a.Id == statement.Id && a.Version == statement.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, html), cancellationToken);
        }
        // New text waiting for its minute was rendered when it was scheduled: it goes live with the new credit.
        var updates = await db.ScheduledUpdates.Where(u => u.BodyMarkdown.Contains(fileName))
            .Select(u => new { u.Id, u.BodyMarkdown, db.Articles.First(a => a.Id == u.ArticleId).Language }).ToListAsync(cancellationToken);
        foreach (var update in updates)
        {
            var html = await imageSizes.AddAsync(markdown.Render(update.BodyMarkdown, update.Language), cancellationToken);
            await db.ScheduledUpdates.Where(u => u.Id == update.Id && u.BodyMarkdown == update.BodyMarkdown)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.BodyHtml, html), cancellationToken);
        }
        var profiles = await db.Authors.Where(a => a.BioMarkdown.Contains(fileName)).Select(a => new { a.Id, a.BioMarkdown }).ToListAsync(cancellationToken);
        foreach (var profile in profiles)
        {
            var html = await imageSizes.AddAsync(markdown.Render(profile.BioMarkdown), cancellationToken);
            count += await db.Authors.Where(a => a.Id == profile.Id && a.BioMarkdown == profile.BioMarkdown)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.BioHtml, html), cancellationToken);
        }
        // A lead image's credit is read when the page is drawn: evicting is enough.
        count += await db.Articles.CountAsync(a => a.LeadImage!.FileName == fileName && !a.BodyMarkdown.Contains(fileName), cancellationToken);
        await cache.EvictAllAsync(cancellationToken);
        return count;
    }
}
