using MepCms.Web.Features.Shared;

namespace MepCms.Web.Features.Articles;

/// <summary>A statement shown before it is public (staff preview, embargo link): marked, never indexed.</summary>
public sealed record MarkedArticleViewModel(ArticlePageViewModel Article, string Mark, string Explanation) : IHasPageMeta
{
    public PageMeta Meta => Article.Meta with { Title = $"{Mark}: {Article.Title}", NoIndex = true };
}
