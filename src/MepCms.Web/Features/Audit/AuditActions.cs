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
    public const string ArticleSubmitted = "Article.Submitted";
    public const string ArticlePublished = "Article.Published";
    public const string ArticleScheduled = "Article.Scheduled";
    public const string ArticleUnpublished = "Article.Unpublished";
    public const string ArticleDeleted = "Article.Deleted";
    /// <summary>Its publish time passed and one instance claimed the go-live (written by "system").</summary>
    public const string ArticleWentLive = "Article.WentLive";
    public const string ArticleEmbargoLinkCreated = "Article.EmbargoLinkCreated";
    /// <summary>A window of its ratings removed as vote stuffing (the record is the statement).</summary>
    public const string ArticleRatingsRemoved = "Article.RatingsRemoved";

    public const string MepCreated = "Mep.Created";
    public const string MepEdited = "Mep.Edited";
    public const string MepDeactivated = "Mep.Deactivated";

    public const string CommitteeCreated = "Committee.Created";
    public const string CommitteeEdited = "Committee.Edited";
    public const string CommitteeRetired = "Committee.Retired";
    public const string CommitteeMerged = "Committee.Merged";

    public const string TopicCreated = "Topic.Created";
    public const string TopicEdited = "Topic.Edited";
    public const string TopicRetired = "Topic.Retired";
    public const string TopicMerged = "Topic.Merged";

    public const string MediaUploaded = "Media.Uploaded";
    public const string MediaDeleted = "Media.Deleted";

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
