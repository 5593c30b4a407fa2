using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Search;

[Localized]
public sealed class SearchController(MepCmsDbContext db, ISearchIndex index, TimeProvider clock) : Controller
{
    [HttpGet("/search")]
    public async Task<IActionResult> Index(string? q, int? page, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Parse(q);
        var number = Paging.Normalise(page);
        var results = new PagedList<ArticleSummary>([], 1, Paging.DefaultPageSize, 0);
        if (!query.IsEmpty)
        {
            var found = await ArticleSearch.PageAsync(index, db.Articles.AsNoTracking().Visible(clock), query, HttpContext.Language().Code, number, Paging.DefaultPageSize, cancellationToken);
            if (found is null)
            {
                return NotFound();
            }
            results = found;
        }
        return View(new SearchViewModel(query.Text, query.IsEmpty, results) { Words = query.IsEmpty ? null : new SearchWords(query.Terms, prefixes: true) });
    }
}

public sealed record SearchViewModel(string Query, bool IsEmpty, PagedList<ArticleSummary> Results) : IHasPageMeta
{
    /// <summary>The reader's words, to mark them in the results.</summary>
    public SearchWords? Words { get; init; }

    // Result pages are not for search engines; the canonical keeps the query so sharing a search works.
    public PageMeta Meta => new(
        IsEmpty ? SiteText.Get("SearchStatements") : SiteText.Format("SearchTitle", Shorten(Query)),
        IsEmpty ? SiteText.Get("SearchDescription") : SiteText.Format("SearchMatchingDescription", Quoted(Shorten(Query))),
        IsEmpty ? "/search" : "/search" + QueryString.Create("q", Query).ToUriComponent())
    { NoIndex = !IsEmpty };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>The reader's words between the quotation marks of the page's language.</summary>
    private static string Quoted(string text)
    {
        var quotes = Infrastructure.Markdown.Typography.QuotesFor(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        return quotes.OpenDouble + text + quotes.CloseDouble;
    }
}
