using MepCms.Web.Data;
using MepCms.Web.Features.Media;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Markdown;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Media;

/// <summary>
/// After an image's credit (or alternative text) changed: the statements and MEP biographies that show
/// it are rendered again from their Markdown (their text, version and dates untouched), and every
/// cached page is evicted, as an MEP photo's credit shows on many pages.
/// </summary>
public sealed class MediaCredits(MepCmsDbContext db, IMarkdownRenderer markdown, MediaImageSizes imageSizes, IPublicCache cache)
{
    /// <returns>How many statements and profiles were rendered again.</returns>
    public async Task<int> RenderAgainAsync(string fileName, CancellationToken cancellationToken)
    {
        var count = 0;
        var statements = await db.Articles.Where(a => a.BodyMarkdown.Contains(fileName)).Select(a => new { a.Id, a.BodyMarkdown }).ToListAsync(cancellationToken);
        foreach (var statement in statements)
        {
            var html = await imageSizes.AddAsync(markdown.Render(statement.BodyMarkdown), cancellationToken);
            count += await db.Articles.Where(a => a.Id == statement.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, html), cancellationToken);
        }
        var profiles = await db.Authors.Where(a => a.BioMarkdown.Contains(fileName)).Select(a => new { a.Id, a.BioMarkdown }).ToListAsync(cancellationToken);
        foreach (var profile in profiles)
        {
            var html = await imageSizes.AddAsync(markdown.Render(profile.BioMarkdown), cancellationToken);
            count += await db.Authors.Where(a => a.Id == profile.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BioHtml, html), cancellationToken);
        }
        await cache.EvictAllAsync(cancellationToken);
        return count;
    }
}
