using MepCms.Web.Data;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Settings;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MepCms.Web.Features.Articles.ShareCards;

/// <summary>Keeps the cards drawn lately: one is drawn once per statement version and site identity.</summary>
public sealed class ShareCardCache() : IDisposable
{
    public MemoryCache Cards { get; } = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    public void Dispose() => Cards.Dispose();
}

/// <summary>
/// A public statement's share card, the Open Graph and X image of its page: drawn by the server,
/// kept in memory by statement version and site identity, cached by browsers and proxies for an hour.
/// </summary>
public sealed class ShareCardsController(MepCmsDbContext db, SiteIdentity identity, ShareCardCache cache, TimeProvider clock) : Controller
{
    public const string DefaultBackground = "#123a73";
    public const string DefaultAccent = "#b3261e";

    [HttpGet("/articles/{slug}/card.png")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return NotFound();
        }
        var article = await db.Articles.AsNoTracking().Visible(clock).Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Title, a.Version, a.Language, PublishAt = a.PublishAt!.Value, Meps = a.Authors.OrderBy(x => x.Position).Select(x => x.Author.FullName).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        var brand = await identity.CurrentAsync(cancellationToken);
        // The card speaks its statement's language, whatever address it was asked at.
        HttpContext.UseLanguage(article.Language);
        var kicker = SiteText.Format("PressStatementAt", BrusselsTime.DateForReaders(article.PublishAt));
        var text = new ShareCardText(article.Title, string.Join(", ", article.Meps), kicker, brand.Name,
            brand.BrandColour ?? DefaultBackground, brand.AccentColour ?? DefaultAccent);
        var png = cache.Cards.GetOrCreate((article.Id, article.Version, text), entry =>
        {
            var drawn = ShareCard.Draw(text);
            entry.Size = drawn.Length;
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return drawn;
        })!;
        Response.Headers.CacheControl = "public, max-age=3600";
        return File(png, "image/png");
    }
}
