using MepCms.Web.Data;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MepCms.Web.Features.Alerts;

/// <summary>
/// When a statement goes live, queues one alert for each confirmed subscriber whose choices match,
/// with one INSERT … SELECT inside the go-live transaction: the alerts are committed exactly when
/// the go-live is, whatever the number of subscribers (docs/decisions/0130). A subscriber matches
/// when they chose none of its MEPs, committees and topics (everything), or any one of them; and
/// no language, or its language.
/// </summary>
internal sealed class AlertQueue(MailSignal signal) : IGoLiveParticipant, IPublicationListener
{
    private string? _sql;

    public async Task OnGoingLiveAsync(GoingLive live, CancellationToken cancellationToken)
    {
        var queued = await live.Db.Database.ExecuteSqlRawAsync(_sql ??= QueueSql(live.Db.Model), [live.ArticleId, live.At], cancellationToken);
        if (queued > 0)
        {
            live.Db.Record(null, "system", live.At, AuditActions.ArticleAlertsSent, "Article", live.ArticleId, $"E-mail alert queued for {queued} subscriber(s)");
        }
    }

    // After the commit: the sender need not wait for its next round.
    public Task OnPublicationChangedAsync(PublicationChanged change, CancellationToken cancellationToken)
    {
        if (change.Change == PublicationChange.WentLive)
        {
            signal.Wake();
        }
        return Task.CompletedTask;
    }

    /// <summary>The INSERT … SELECT, with table and column names from the EF model; {0} is the statement, {1} the time.</summary>
    internal static string QueueSql(IModel model)
    {
        string T(string entity) => Q(model.FindEntityType(entity)!.GetTableName()!);
        string T2(Type type) => T(type.FullName!);
        string C(Type type, string property) => Q(model.FindEntityType(type)!.FindProperty(property)!.GetColumnName());
        string Cs(string entity, string property) => Q(model.FindEntityType(entity)!.FindProperty(property)!.GetColumnName());
        var d = typeof(AlertDelivery);
        var s = typeof(Subscriber);
        var a = typeof(Article);
        const string article = "{0}", at = "{1}"; // ExecuteSqlRaw's parameters
        return $"""
            INSERT INTO {T2(d)} ({C(d, "ArticleId")}, {C(d, "SubscriberId")}, {C(d, "Status")}, {C(d, "Attempts")}, {C(d, "CreatedAt")}, {C(d, "NextAttemptAt")}, {C(d, "BaseUrl")})
            SELECT a.{C(a, "Id")}, s.{C(s, "Id")}, {(int)DeliveryStatus.Queued}, 0, {at}, {at}, a.{C(a, "LinkBaseUrl")}
            FROM {T2(s)} s CROSS JOIN {T2(a)} a
            WHERE a.{C(a, "Id")} = {article} AND s.{C(s, "Status")} = {(int)SubscriberStatus.Confirmed}
              AND (NOT EXISTS (SELECT 1 FROM {T2(typeof(SubscriberLanguage))} l WHERE l.{C(typeof(SubscriberLanguage), "SubscriberId")} = s.{C(s, "Id")})
                   OR EXISTS (SELECT 1 FROM {T2(typeof(SubscriberLanguage))} l WHERE l.{C(typeof(SubscriberLanguage), "SubscriberId")} = s.{C(s, "Id")} AND l.{C(typeof(SubscriberLanguage), "Language")} = a.{C(a, "Language")}))
              AND ((NOT EXISTS (SELECT 1 FROM {T2(typeof(SubscriberMep))} m WHERE m.{C(typeof(SubscriberMep), "SubscriberId")} = s.{C(s, "Id")})
                    AND NOT EXISTS (SELECT 1 FROM {T2(typeof(SubscriberCommittee))} c WHERE c.{C(typeof(SubscriberCommittee), "SubscriberId")} = s.{C(s, "Id")})
                    AND NOT EXISTS (SELECT 1 FROM {T2(typeof(SubscriberTopic))} t WHERE t.{C(typeof(SubscriberTopic), "SubscriberId")} = s.{C(s, "Id")}))
                   OR EXISTS (SELECT 1 FROM {T2(typeof(SubscriberMep))} m JOIN {T2(typeof(ArticleAuthor))} x ON x.{C(typeof(ArticleAuthor), "AuthorId")} = m.{C(typeof(SubscriberMep), "AuthorId")}
                              WHERE m.{C(typeof(SubscriberMep), "SubscriberId")} = s.{C(s, "Id")} AND x.{C(typeof(ArticleAuthor), "ArticleId")} = a.{C(a, "Id")})
                   OR EXISTS (SELECT 1 FROM {T2(typeof(SubscriberCommittee))} c JOIN {T("ArticleCommittee")} x ON x.{Cs("ArticleCommittee", "CommitteeId")} = c.{C(typeof(SubscriberCommittee), "CommitteeId")}
                              WHERE c.{C(typeof(SubscriberCommittee), "SubscriberId")} = s.{C(s, "Id")} AND x.{Cs("ArticleCommittee", "ArticleId")} = a.{C(a, "Id")})
                   OR EXISTS (SELECT 1 FROM {T2(typeof(SubscriberTopic))} t JOIN {T("ArticleTopic")} x ON x.{Cs("ArticleTopic", "TopicId")} = t.{C(typeof(SubscriberTopic), "TopicId")}
                              WHERE t.{C(typeof(SubscriberTopic), "SubscriberId")} = s.{C(s, "Id")} AND x.{Cs("ArticleTopic", "ArticleId")} = a.{C(a, "Id")}))
              AND NOT EXISTS (SELECT 1 FROM {T2(d)} e WHERE e.{C(d, "ArticleId")} = a.{C(a, "Id")} AND e.{C(d, "SubscriberId")} = s.{C(s, "Id")})
            """;
    }

    private static string Q(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
