using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Revisions;

/// <summary>The history of a statement's text: one numbered snapshot per save.</summary>
public sealed class ArticleRevisions(MepCmsDbContext db)
{
    public void Add(Article article, ClaimsPrincipal user, DateTime now, string note, int number) =>
        article.Revisions.Add(new ArticleRevision
        {
            Number = number, Title = article.Title, Lead = article.Lead, BodyMarkdown = article.BodyMarkdown, Status = article.Status,
            CreatedAt = now, CreatedById = user.Id(), CreatedByName = user.Identity?.Name ?? "", Note = note.Length <= 400 ? note : note[..400],
        });

    public async Task<int> NextNumberAsync(int articleId, CancellationToken cancellationToken) =>
        (await db.ArticleRevisions.Where(r => r.ArticleId == articleId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;
}
