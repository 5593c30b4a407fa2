using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Shared;

/// <summary>One page of a list, with what the pager needs to link the neighbours.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

public static class Paging
{
    public const int DefaultPageSize = 10;
    public const int MaxPage = 100_000;

    /// <summary>A page number from the query string: anything odd counts as the first page.</summary>
    public static int Normalise(int? page) => page is >= 1 and <= MaxPage ? page.Value : 1;

    /// <summary>Pages past the end are not found (page 1 always exists, even when empty).</summary>
    public static bool IsBeyondEnd(int page, int totalCount, int pageSize) =>
        page > 1 && (page - 1) * pageSize >= totalCount;

    /// <summary>The requested page of an ordered query, or null when it lies past the end.</summary>
    public static async Task<PagedList<T>?> ToPageAsync<T>(this IQueryable<T> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        if (IsBeyondEnd(page, total, pageSize))
        {
            return null;
        }
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(items, page, pageSize, total);
    }
}
