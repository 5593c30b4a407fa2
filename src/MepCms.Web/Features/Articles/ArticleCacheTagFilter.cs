using MepCms.Web.Features.Articles.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;

namespace MepCms.Web.Features.Articles;

/// <summary>
/// Tags a statement's cached page with the statement's id, which its path (a slug) does not say,
/// so a rating evicts exactly the pages of its versions.
/// </summary>
internal sealed class ArticleCacheTagFilter : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ViewResult { Model: ArticlePageViewModel article }
            && context.HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            cache.Context.Tags.Add(ArticleCacheTags.Statement(article.StatementId));
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
