using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Translations;

/// <summary>What the editor keeps true across a statement's language versions (decision 0298).</summary>
public static class StatementVersions
{
    /// <summary>What a statement's versions share, as one comparable text: MEPs in order, committees, topics, procedure.</summary>
    public static string Shared(Article article) => string.Join('|',
        string.Join(',', article.Authors.OrderBy(x => x.Position).Select(x => x.AuthorId)),
        string.Join(',', article.Committees.Select(c => c.Id).Order()),
        string.Join(',', article.Topics.Select(t => t.Id).Order()),
        article.ProcedureReference);

    /// <summary>
    /// When <paramref name="article"/>'s shared fields differ from <paramref name="before"/>, gives its
    /// statement's other versions the same MEPs, committees, topics and procedure, to be saved in the
    /// same transaction. Their tokens are renewed, so a translator's form opened before still says the
    /// old ones and is refused (the conflict screen keeps their words), not saved over the change.
    /// </summary>
    public static async Task ShareIfChangedAsync(MepCmsDbContext db, Article article, string before, CancellationToken cancellationToken)
    {
        if (Shared(article) == before)
        {
            return;
        }
        var others = await db.Articles.Include(a => a.Authors).Include(a => a.Committees).Include(a => a.Topics).AsSplitQuery()
            .Where(a => a.StatementId == article.StatementId && a.Id != article.Id).ToListAsync(cancellationToken);
        var authors = article.Authors.OrderBy(x => x.Position).Select(x => x.AuthorId).ToList();
        foreach (var other in others)
        {
            other.SetAuthors(authors);
            other.Committees.Clear();
            other.Committees.AddRange(article.Committees);
            other.Topics.Clear();
            other.Topics.AddRange(article.Topics);
            other.ProcedureReference = article.ProcedureReference;
            other.Version = Guid.NewGuid();
        }
    }

    /// <summary>Another version of <paramref name="article"/>'s statement is already in <paramref name="language"/> (one per language).</summary>
    public static async Task<bool> LanguageTakenAsync(MepCmsDbContext db, Article article, string language, CancellationToken cancellationToken) =>
        article.StatementId != 0 && language != article.Language
        && await db.Articles.AnyAsync(a => a.StatementId == article.StatementId && a.Id != article.Id && a.Language == language, cancellationToken);
}
