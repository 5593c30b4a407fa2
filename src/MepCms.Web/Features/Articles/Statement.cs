using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MepCms.Web.Features.Articles;

/// <summary>
/// A statement as readers rate it: the group of its language versions (<see cref="Article"/> rows,
/// one per language). It holds the rating aggregate, so one reader has one score per statement
/// whatever version they rated on, and every version shows the same average and count
/// (decision 0298). What the versions share besides (MEPs, committees, topics, place, procedure)
/// is kept equal on every version by the editor.
/// </summary>
public sealed class Statement
{
    public int Id { get; set; }

    public int RatingCount { get; set; }
    public long RatingSum { get; set; }

    public List<Article> Versions { get; set; } = [];

    public double? AverageScore => RatingCount == 0 ? null : (double)RatingSum / RatingCount;
}

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.Ignore(s => s.AverageScore);
        builder.HasMany(s => s.Versions).WithOne(a => a.Statement).HasForeignKey(a => a.StatementId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How the back office names a statement where its versions count as one (ratings): by its original version.</summary>
public static class StatementNames
{
    /// <summary>
    /// The original version (the first written, lowest id) of each statement, by statement id:
    /// its id, for links, and its title.
    /// </summary>
    public static async Task<Dictionary<int, (int ArticleId, string Title)>> OriginalsAsync(this IQueryable<Article> articles, IReadOnlyCollection<int> statementIds,
        CancellationToken cancellationToken)
    {
        var versions = await articles.Where(a => statementIds.Contains(a.StatementId))
            .Select(a => new { a.StatementId, a.Id, a.Title }).ToListAsync(cancellationToken);
        return versions.GroupBy(v => v.StatementId).ToDictionary(g => g.Key, g => g.MinBy(v => v.Id) is var first ? (first!.Id, first.Title) : default);
    }
}
