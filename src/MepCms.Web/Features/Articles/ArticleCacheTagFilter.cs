using MepCms.Web.Features.Articles.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;

namespace MepCms.Web.Features.Articles;

/// <summary>
/// Tags a statement's cached page with the statement's id, which its path (a slug) does not say,
/// so an edit, a slug change or a rating evicts exactly that page.
/// </summary>
internal sealed class ArticleCacheTagFilter : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ViewResult { Model: ArticlePageViewModel article }
            && context.HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            cache.Context.Tags.Add(ArticleCacheTags.Article(article.Id));
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
