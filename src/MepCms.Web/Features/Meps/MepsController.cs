using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Meps;

[Localized]
public sealed class MepsController(MepCmsDbContext db, TimeProvider clock) : Controller
{
    /// <summary>The directory: a parliament has at most a few hundred MEPs, so one query loads them all and the filter runs in memory.</summary>
    [HttpGet("/meps")]
    public async Task<IActionResult> Index(string? country, string? group, CancellationToken cancellationToken)
    {
        var all = await db.Authors.AsNoTracking()
            .OrderBy(a => a.FullName)
            .Select(a => new AuthorCard(a.FullName, a.Slug, a.CountryCode, a.PoliticalGroup, a.NationalParty, a.PhotoPath, a.IsActive)
            {
                PhotoCredit = db.Media.Where(m => m.FileName == a.PhotoPath!.Substring(Media.MediaFiles.UrlPrefix.Length) && Media.MediaFiles.UrlPrefix + m.FileName == a.PhotoPath)
                    .Select(m => m.Licence == null ? m.Credit : m.Credit == null ? m.Licence : m.Credit + " (" + m.Licence + ")").FirstOrDefault(),
                PhotoAlt = db.Media.Where(m => m.FileName == a.PhotoPath!.Substring(Media.MediaFiles.UrlPrefix.Length) && Media.MediaFiles.UrlPrefix + m.FileName == a.PhotoPath).Select(m => m.AltText).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var countries = all.Select(a => a.CountryCode).Distinct().OrderBy(Countries.NameForReaders).ToList();
        var groups = all.Select(a => a.PoliticalGroup).Distinct().OrderBy(g => g, StringComparer.Ordinal).ToList();
        // An unknown value in the query string is ignored, not an error.
        var countryFilter = countries.FirstOrDefault(c => string.Equals(c, country, StringComparison.OrdinalIgnoreCase));
        var groupFilter = groups.FirstOrDefault(g => string.Equals(g, group, StringComparison.OrdinalIgnoreCase));
        var shown = all.Where(a => (countryFilter is null || a.CountryCode == countryFilter) && (groupFilter is null || a.PoliticalGroup == groupFilter)).ToList();
        return View(new AuthorDirectoryViewModel(
            shown.Where(a => a.IsActive).ToList(), shown.Where(a => !a.IsActive).ToList(),
            new DirectoryFilter(countryFilter, groupFilter, countries, groups)));
    }

    /// <summary>A profile and the MEP's statements; former MEPs keep their page (docs/decisions/0012).</summary>
    [HttpGet("/meps/{slug}")]
    public async Task<IActionResult> Show(string slug, int? page, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return NotFound();
        }
        var language = HttpContext.Language().Code;
        var profile = await db.Authors.AsNoTracking().Where(a => a.Slug == slug)
            .Select(a => new
            {
                a.Id, a.BioHtml, a.PressEmail, a.PressPhone,
                Card = new AuthorCard(a.FullName, a.Slug, a.CountryCode, a.PoliticalGroup, a.NationalParty, a.PhotoPath, a.IsActive)
                {
                    PhotoCredit = db.Media.Where(m => m.FileName == a.PhotoPath!.Substring(Media.MediaFiles.UrlPrefix.Length) && Media.MediaFiles.UrlPrefix + m.FileName == a.PhotoPath)
                        .Select(m => m.Licence == null ? m.Credit : m.Credit == null ? m.Licence : m.Credit + " (" + m.Licence + ")").FirstOrDefault(),
                    PhotoAlt = db.Media.Where(m => m.FileName == a.PhotoPath!.Substring(Media.MediaFiles.UrlPrefix.Length) && Media.MediaFiles.UrlPrefix + m.FileName == a.PhotoPath).Select(m => m.AltText).FirstOrDefault(),
                },
                Committees = a.Memberships.OrderByDescending(m => m.Role == CommitteeRole.Chair).ThenByDescending(m => m.Role == CommitteeRole.ViceChair)
                    .ThenBy(m => m.Committee.Code)
                    .Select(m => new CommitteeRoleLink(m.Committee.Names.Where(n => n.Language == language).Select(n => n.Name).FirstOrDefault() ?? m.Committee.Name,
                        m.Committee.Slug, m.Committee.Code, m.Role)).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }
        var articles = await db.Articles.AsNoTracking().Visible(clock).InLanguage(language)
            .Where(a => a.Authors.Any(x => x.AuthorId == profile.Id))
            .ToSummaries()
            .ToPageAsync(Paging.Normalise(page), Paging.DefaultPageSize, cancellationToken);
        if (articles is null)
        {
            return NotFound();
        }
        return View(new AuthorProfileViewModel
        {
            Author = profile.Card, BioHtml = profile.BioHtml, PressEmail = profile.PressEmail, PressPhone = profile.PressPhone,
            Committees = profile.Committees, Articles = articles,
        });
    }
}
