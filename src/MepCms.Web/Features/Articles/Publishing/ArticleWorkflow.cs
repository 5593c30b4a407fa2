using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Articles.Publishing;

public enum Transition { Submit, Publish, Schedule, Unpublish, Delete }

public enum TransitionOutcome { Done, NotFound, NotPossible, Conflict }

/// <summary>
/// Moves a statement through Draft → In review → Published (now or scheduled) → Unpublished.
/// Who may ask is decided by the policies; this decides what is possible from the current state,
/// and raises the change once it is saved.
/// </summary>
public sealed class ArticleWorkflow(MepCmsDbContext db, PublicationEvents events, GoLiveSignal goLive, TimeProvider clock, ILogger<ArticleWorkflow> logger)
{
    public static bool IsPossible(Transition transition, ArticleStatus from) => transition switch
    {
        Transition.Submit => from == ArticleStatus.Draft,
        Transition.Publish or Transition.Schedule => true, // also re-timing a scheduled or re-publishing an unpublished one
        Transition.Unpublish => from == ArticleStatus.Published,
        Transition.Delete => true,
        _ => false,
    };

    /// <param name="linkBaseUrl">The site's address as the request saw it, kept for the links of the statement's alerts.</param>
    public async Task<TransitionOutcome> ApplyAsync(Article article, Transition transition, ClaimsPrincipal user, DateTime? publishAtUtc,
        CancellationToken cancellationToken, string? linkBaseUrl = null)
    {
        if (!IsPossible(transition, article.Status))
        {
            return TransitionOutcome.NotPossible;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var wasPublic = article.Status == ArticleStatus.Published;
        string summary;
        switch (transition)
        {
            case Transition.Submit:
                article.Status = ArticleStatus.InReview;
                summary = "Submitted for review";
                break;
            // Publishing again (or re-timing) goes live again: the go-live job takes it at its time.
            case Transition.Publish:
                (article.Status, article.PublishAt, article.WentLiveAt) = (ArticleStatus.Published, now, null);
                summary = "Published now";
                break;
            case Transition.Schedule:
                (article.Status, article.PublishAt, article.WentLiveAt) = (ArticleStatus.Published, publishAtUtc, null);
                (article.PinnedAt, article.PinnedUntil) = (null, null); // not public until then
                summary = $"Scheduled for {BrusselsTime.DateTimeText(publishAtUtc!.Value)} Brussels time";
                break;
            case Transition.Unpublish:
                (article.Status, article.WentLiveAt) = (ArticleStatus.Unpublished, null);
                (article.PinnedAt, article.PinnedUntil) = (null, null);
                summary = "Unpublished";
                break;
            default:
                db.Articles.Remove(article);
                // Its translations stay, no longer linked to a source.
                foreach (var translation in await db.Articles.Where(a => a.TranslationOfId == article.Id).ToListAsync(cancellationToken))
                {
                    translation.TranslationOfId = null;
                }
                // The last version takes its statement, and so the statement's ratings, with it.
                if (!await db.Articles.AnyAsync(a => a.StatementId == article.StatementId && a.Id != article.Id, cancellationToken)
                    && await db.Statements.FindAsync([article.StatementId], cancellationToken) is { } statement)
                {
                    db.Statements.Remove(statement);
                }
                summary = $"Deleted \"{article.Title}\"";
                break;
        }
        if (transition is Transition.Publish or Transition.Schedule && article.UnpublishAt <= article.PublishAt
            || transition == Transition.Unpublish)
        {
            article.UnpublishAt = null; // an unpublish time before the new publish time, or done by hand
        }
        if (transition is Transition.Publish or Transition.Schedule && linkBaseUrl is { Length: > 0 and <= Limits.Url })
        {
            article.LinkBaseUrl = linkBaseUrl;
        }
        if (transition != Transition.Delete)
        {
            (article.UpdatedAt, article.UpdatedById) = (now, user.Id());
        }
        db.Record(user, now, AuditActionOf(transition), "Article", article.Id, summary);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TransitionOutcome.Conflict;
        }
        logger.LogInformation("Statement {ArticleId}: {Transition} by {UserId}", article.Id, transition, user.Id());
        if (wasPublic || article.Status == ArticleStatus.Published || transition == Transition.Delete)
        {
            await events.RaiseAsync(new PublicationChanged(article.Id, ChangeOf(transition)), cancellationToken);
        }
        if (transition == Transition.Publish)
        {
            // Published now goes live moments after this answer (alerts are queued then, whatever
            // their number), not at the next period of the pass.
            goLive.Wake();
        }
        return TransitionOutcome.Done;
    }

    private static string AuditActionOf(Transition transition) => transition switch
    {
        Transition.Submit => AuditActions.ArticleSubmitted,
        Transition.Publish => AuditActions.ArticlePublished,
        Transition.Schedule => AuditActions.ArticleScheduled,
        Transition.Unpublish => AuditActions.ArticleUnpublished,
        _ => AuditActions.ArticleDeleted,
    };

    private static PublicationChange ChangeOf(Transition transition) => transition switch
    {
        Transition.Publish => PublicationChange.Published,
        Transition.Schedule => PublicationChange.Scheduled,
        Transition.Unpublish => PublicationChange.Unpublished,
        Transition.Delete => PublicationChange.Deleted,
        // A submitted draft is not public; Submit only comes from Draft, so it never gets here.
        _ => PublicationChange.Edited,
    };
}
