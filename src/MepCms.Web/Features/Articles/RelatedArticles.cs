using MepCms.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles;

/// <summary>
/// Other statements by the same MEPs or on the same committees or topics, newest first. One query:
/// the candidates come from the three join tables through their indexes on MEP, committee and
/// topic, and only the newest few are read.
/// </summary>
public static class RelatedArticles
{
    public const int Count = 4;

    public static IQueryable<ArticleSummary> Of(MepCmsDbContext db, IQueryable<Article> visible, int articleId)
    {
        var authorIds = db.ArticleAuthors.Where(x => x.ArticleId == articleId).Select(x => x.AuthorId);
        var committeeIds = JoinRows(db, "ArticleCommittee").Where(x => EF.Property<int>(x, "ArticleId") == articleId).Select(x => EF.Property<int>(x, "CommitteeId"));
        var topicIds = JoinRows(db, "ArticleTopic").Where(x => EF.Property<int>(x, "ArticleId") == articleId).Select(x => EF.Property<int>(x, "TopicId"));

        var candidates = db.ArticleAuthors.Where(x => authorIds.Contains(x.AuthorId)).Select(x => x.ArticleId)
            .Union(JoinRows(db, "ArticleCommittee").Where(x => committeeIds.Contains(EF.Property<int>(x, "CommitteeId"))).Select(x => EF.Property<int>(x, "ArticleId")))
            .Union(JoinRows(db, "ArticleTopic").Where(x => topicIds.Contains(EF.Property<int>(x, "TopicId"))).Select(x => EF.Property<int>(x, "ArticleId")));

        return visible.Where(a => a.Id != articleId && candidates.Contains(a.Id)).ToSummaries().Take(Count);
    }

    private static IQueryable<Dictionary<string, object>> JoinRows(MepCmsDbContext db, string name) => db.Set<Dictionary<string, object>>(name);
}
