namespace MepCms.Web.Features.Audit;

/// <summary>
/// Every action name the audit trail records, in one scheme: the kind of record, a dot, what
/// happened to it in the past tense (<c>Article.Published</c>). Entries written before this scheme
/// keep the names they were written with.
/// </summary>
public static class AuditActions
{
    public const string ArticleCreated = "Article.Created";
    /// <summary>Saved from the editor, or an older revision restored (the summary says which).</summary>
    public const string ArticleEdited = "Article.Edited";
    /// <summary>A public statement corrected or updated with a note for readers (the summary gives it).</summary>
    public const string ArticleCorrected = "Article.Corrected";
    /// <summary>New text for a live statement scheduled for a time (the summary gives it), cancelled, applied at that time (by "system", once), or held because the statement was saved since.</summary>
    public const string ArticleUpdateScheduled = "Article.UpdateScheduled";
    public const string ArticleUpdateCancelled = "Article.UpdateCancelled";
    public const string ArticleUpdateApplied = "Article.UpdateApplied";
    public const string ArticleUpdateHeld = "Article.UpdateHeld";
    /// <summary>A person's autosaved copy of the editor's form thrown away (the copies themselves are not audited: private, every 30 s).</summary>
    public const string ArticleAutosaveDiscarded = "Article.AutosaveDiscarded";
    /// <summary>A staff comment on a statement, a reply, or a thread resolved or reopened (never public).</summary>
    public const string ArticleCommented = "Article.Commented";
    public const string ArticleCommentReplied = "Article.CommentReplied";
    public const string ArticleCommentResolved = "Article.CommentResolved";
    public const string ArticleCommentReopened = "Article.CommentReopened";
    /// <summary>A PDF document attached to a statement, renamed or moved, or removed (the summary names it).</summary>
    public const string ArticleAttachmentAdded = "Article.AttachmentAdded";
    public const string ArticleAttachmentChanged = "Article.AttachmentChanged";
    public const string ArticleAttachmentRemoved = "Article.AttachmentRemoved";
    public const string ArticleSubmitted = "Article.Submitted";
    public const string ArticlePublished = "Article.Published";
    public const string ArticleScheduled = "Article.Scheduled";
    public const string ArticleUnpublished = "Article.Unpublished";
    public const string ArticleDeleted = "Article.Deleted";
    /// <summary>Its publish time passed and one instance claimed the go-live (written by "system").</summary>
    public const string ArticleWentLive = "Article.WentLive";
    public const string ArticleEmbargoLinkCreated = "Article.EmbargoLinkCreated";
    /// <summary>Sent to press lists under embargo (the summary names the lists and the count).</summary>
    public const string ArticleSentUnderEmbargo = "Article.SentUnderEmbargo";
    /// <summary>One journalist's personal embargo link, or all of them, revoked.</summary>
    public const string ArticleEmbargoLinkRevoked = "Article.EmbargoLinkRevoked";
    /// <summary>At go-live, the public link queued for the journalists who had it under embargo (by "system").</summary>
    public const string ArticlePublicLinkSent = "Article.PublicLinkSent";
    /// <summary>At go-live, e-mail alerts queued for the matching subscribers (by "system").</summary>
    public const string ArticleAlertsSent = "Article.AlertsSent";
    /// <summary>An unpublish time set (the summary gives it) or cancelled; at that minute it expired (by "system", once).</summary>
    public const string ArticleExpiryScheduled = "Article.ExpiryScheduled";
    public const string ArticleExpiryCancelled = "Article.ExpiryCancelled";
    public const string ArticleExpired = "Article.Expired";
    /// <summary>Pinned to the top of the home page (the summary gives the end, if any), or unpinned.</summary>
    public const string ArticlePinned = "Article.Pinned";
    public const string ArticleUnpinned = "Article.Unpinned";
    /// <summary>A window of its ratings removed as vote stuffing (the record is the statement).</summary>
    public const string ArticleRatingsRemoved = "Article.RatingsRemoved";

    public const string MepCreated = "Mep.Created";
    public const string MepEdited = "Mep.Edited";
    public const string MepDeactivated = "Mep.Deactivated";
    /// <summary>The EP import: an MEP created from, linked to, refreshed from the EP's data, or gone from its roster.</summary>
    public const string MepImported = "Mep.Imported";
    public const string MepLinkedToEp = "Mep.LinkedToEp";
    public const string MepRefreshedFromEp = "Mep.RefreshedFromEp";
    public const string MepLeftParliament = "Mep.LeftParliament";

    public const string CommitteeCreated = "Committee.Created";
    /// <summary>The EP import: a committee created from, or its code and names refreshed from, the EP's data.</summary>
    public const string CommitteeImported = "Committee.Imported";
    public const string CommitteeRefreshedFromEp = "Committee.RefreshedFromEp";
    public const string CommitteeEdited = "Committee.Edited";
    public const string CommitteeRetired = "Committee.Retired";
    public const string CommitteeMerged = "Committee.Merged";

    public const string TopicCreated = "Topic.Created";
    public const string TopicEdited = "Topic.Edited";
    public const string TopicRetired = "Topic.Retired";
    public const string TopicMerged = "Topic.Merged";

    public const string MediaUploaded = "Media.Uploaded";
    public const string MediaDeleted = "Media.Deleted";
    /// <summary>An image's alternative text, credit or licence changed (the pages that show it are rendered again).</summary>
    public const string MediaEdited = "Media.Edited";

    public const string PressListCreated = "PressList.Created";
    public const string PressListEdited = "PressList.Edited";
    public const string PressListDeleted = "PressList.Deleted";
    /// <summary>Journalists added, changed or removed by hand or by a CSV import (the summary says which).</summary>
    public const string PressListContactsChanged = "PressList.ContactsChanged";

    public const string SubscriberRemoved = "Subscriber.Removed";
    /// <summary>Everything stored about a subscriber exported (a data-subject request).</summary>
    public const string SubscriberExported = "Subscriber.Exported";

    /// <summary>Queued or failed messages of the outbox sent again now.</summary>
    public const string MailRetried = "Mail.Retried";

    /// <summary>The office's name, colours, logo, contact or pages changed at /admin/settings (the summary lists what).</summary>
    public const string SiteSettingsChanged = "SiteSettings.Changed";

    /// <summary>An idea with a date put on the editorial calendar, changed, or taken off it.</summary>
    public const string CalendarEntryPlanned = "Calendar.EntryPlanned";
    public const string CalendarEntryChanged = "Calendar.EntryChanged";
    public const string CalendarEntryDeleted = "Calendar.EntryDeleted";

    public const string UserCreated = "User.Created";
    public const string UserRoleChanged = "User.RoleChanged";
    public const string UserLocked = "User.Locked";
    public const string UserUnlocked = "User.Unlocked";
    public const string UserPasswordReset = "User.PasswordReset";
    public const string UserPasswordChanged = "User.PasswordChanged";
    public const string UserTwoFactorChanged = "User.TwoFactorChanged";
    public const string UserTwoFactorReset = "User.TwoFactorReset";
    public const string UserSignedIn = "User.SignedIn";
    public const string UserSignInFailed = "User.SignInFailed";
}
