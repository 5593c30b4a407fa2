using MepCms.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles;

/// <summary>
/// Other statements by the same MEPs or on the same committees or topics, newest first. One query
/// that walks the public statements newest first (the Status/PublishAt index) and stops at the
/// first few related ones; each test is a primary-key probe of a join table.
/// </summary>
public static class RelatedArticles
{
    public const int Count = 4;

    public static IQueryable<ArticleSummary> Of(MepCmsDbContext db, IQueryable<Article> visible, int articleId)
    {
        var authorIds = db.ArticleAuthors.Where(x => x.ArticleId == articleId).Select(x => x.AuthorId);
        var committeeIds = JoinRows(db, "ArticleCommittee").Where(x => EF.Property<int>(x, "ArticleId") == articleId).Select(x => EF.Property<int>(x, "CommitteeId"));
        var topicIds = JoinRows(db, "ArticleTopic").Where(x => EF.Property<int>(x, "ArticleId") == articleId).Select(x => EF.Property<int>(x, "TopicId"));

        return visible
            .Where(a => a.Id != articleId && (a.Authors.Any(x => authorIds.Contains(x.AuthorId))
                || a.Committees.Any(c => committeeIds.Contains(c.Id))
                || a.Topics.Any(t => topicIds.Contains(t.Id))))
            .ToSummaries().Take(Count);
    }

    private static IQueryable<Dictionary<string, object>> JoinRows(MepCmsDbContext db, string name) => db.Set<Dictionary<string, object>>(name);
}
