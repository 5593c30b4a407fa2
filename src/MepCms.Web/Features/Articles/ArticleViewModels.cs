using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Shared;

namespace MepCms.Web.Features.Articles;

/// <summary>A statement in a list: home page, MEP, committee, topic and search pages.</summary>
public sealed record ArticleSummary(string Title, string Slug, string Lead, DateTime PublishAt, IReadOnlyList<NamedLink> Authors, RatingSummary Rating);

public sealed record ArticleListViewModel(PagedList<ArticleSummary> Articles, PageMeta Meta, string Heading) : IHasPageMeta;

public sealed class ArticlePageViewModel : IHasPageMeta
{
    public int Id { get; init; }
    public required string Title { get; init; }
    public required string Slug { get; init; }
    public required string Lead { get; init; }
    public required string BodyHtml { get; init; }
    public required string Language { get; init; }
    public required string Place { get; init; }
    public string? ProcedureReference { get; init; }
    public required DateTime PublishAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required IReadOnlyList<NamedLink> Authors { get; init; }
    public required IReadOnlyList<NamedLink> Committees { get; init; }
    public required IReadOnlyList<NamedLink> Topics { get; init; }
    public required RatingSummary Rating { get; init; }
    /// <summary>A few other statements by the same MEPs or on the same committees or topics.</summary>
    public IReadOnlyList<ArticleSummary> Related { get; set; } = [];
    public PageMeta Meta => new(Title, Lead, $"/articles/{Slug}", "article");
}
