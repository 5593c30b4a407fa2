using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Admin.Articles;

/// <summary>The admin list's filters and sort, bound from the query string. Sort keys come from an allow-list.</summary>
public sealed class ArticleListQuery
{
    public static readonly string[] Sorts = ["updated", "title", "publish"];

    public ArticleStatus? Status { get; set; }
    public int? Mep { get; set; }
    public int? Committee { get; set; }
    /// <summary>The versions in one language (its two-letter code).</summary>
    public string? Language { get; set; }
    public string? Q { get; set; }
    public string? Sort { get; set; }
    public int? Page { get; set; }

    public bool IsValid => (Sort is null || Sorts.Contains(Sort)) && (Status is null || Enum.IsDefined(Status.Value)) && (Q is null || Q.Length <= Limits.Title)
        && (Language is null || EuLanguages.IsOfficial(Language));

    public string Link(int page)
    {
        var parts = new List<string>();
        void Add(string key, object? value) { if (value is not null && $"{value}" != "") { parts.Add($"{key}={Uri.EscapeDataString($"{value}")}"); } }
        Add("status", Status);
        Add("mep", Mep);
        Add("committee", Committee);
        Add("language", Language);
        Add("q", Q);
        Add("sort", Sort);
        Add("page", page == 1 ? null : page);
        return "/admin/articles" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }
}

public sealed record ArticleRow(int Id, string Title, ArticleStatus Status, DateTime? PublishAt, DateTime UpdatedAt, IReadOnlyList<string> Authors, string Language);

public sealed record ArticleListViewModel(PagedList<ArticleRow> Articles, ArticleListQuery Query, EditorChoices Choices, DateTime Now, string? Flash);
