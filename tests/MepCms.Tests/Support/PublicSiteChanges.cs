using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Infrastructure.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Support;

/// <summary>A test that writes the database directly tells the public cache, the way the app's own writers do.</summary>
public static class PublicSiteChanges
{
    /// <summary>As the editor and the workflow do: a statement's publication changed.</summary>
    public static Task ArticleChangedAsync(this IServiceProvider services, int articleId) =>
        services.GetRequiredService<PublicationEvents>().RaiseAsync(new PublicationChanged(articleId, PublicationChange.Edited), default);

    /// <summary>As a rating does: the pages showing the statement's figures (all its versions).</summary>
    public static Task RatingChangedAsync(this IServiceProvider services, int statementId) =>
        services.GetRequiredService<IPublicCache>().EvictAsync(ArticleCacheTags.PagesShowing(statementId));

    /// <summary>
    /// Anything saved behind the app's back (statements, MEPs, tags): every public page is evicted,
    /// and the publishing schedule forgets the next go-live time it knew, as after an edit.
    /// </summary>
    public static async Task PublicSiteChangedAsync(this IServiceProvider services)
    {
        await services.GetRequiredService<PublicationEvents>().RaiseAsync(new PublicationChanged(null, PublicationChange.Edited), default);
        await services.DirectoryChangedAsync();
    }

    /// <summary>As the MEP, committee and topic pages of the back office do: every public page.</summary>
    public static Task DirectoryChangedAsync(this IServiceProvider services) =>
        services.GetRequiredService<IPublicCache>().EvictAllAsync();
}
