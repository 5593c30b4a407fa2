using System.ComponentModel.DataAnnotations;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Media;
using MepCms.Web.Infrastructure.Web;

namespace MepCms.Web.Features.Admin.Articles;

/// <summary>The statement editor's fields, posted by the new and edit forms.</summary>
public sealed class ArticleForm
{
    public const int AuthorSlots = 6;

    /// <summary>The concurrency token the form was loaded with; a stale one means someone saved in between.</summary>
    public Guid Version { get; set; }

    [Required, StringLength(Limits.Title)]
    public string Title { get; set; } = "";

    [StringLength(Limits.Slug), Display(Name = "Slug (web address)")]
    public string? Slug { get; set; }

    [Required, StringLength(Limits.Lead)]
    public string Lead { get; set; } = "";

    [Required, StringLength(100)]
    public string Place { get; set; } = "Brussels";

    [StringLength(32), Display(Name = "Procedure reference")]
    public string? ProcedureReference { get; set; }

    [Required(ErrorMessage = OfficialLanguageAttribute.Message), OfficialLanguage]
    public string Language { get; set; } = "en";

    [StringLength(Limits.Body), Display(Name = "Body (Markdown)")]
    public string? BodyMarkdown { get; set; }

    /// <summary>The image of the media library shown above the statement, in lists and when shared; none: the drawn share card.</summary>
    [Display(Name = "Lead image")]
    public int? LeadImageId { get; set; }

    /// <summary>Speaking MEPs in byline order, one per slot; empty slots are skipped.</summary>
    public List<int?> AuthorIds { get; set; } = [];
    public List<int> CommitteeIds { get; set; } = [];
    public List<int> TopicIds { get; set; } = [];

    /// <summary>Asked when the statement is public: a silent typo fix, or a correction or update readers are told of.</summary>
    public ChangeKind? Change { get; set; }

    /// <summary>The note readers see with a correction or update ("The vote took place on Tuesday, not Monday.").</summary>
    [StringLength(ArticleCorrection.NoteLength), Display(Name = "Note for readers")]
    public string? ChangeNote { get; set; }

    /// <summary>Brussels wall-clock time (datetime-local) at which a scheduled update replaces the live text.</summary>
    [Display(Name = "Replace the live text at")]
    public DateTime? UpdateAt { get; set; }

    /// <summary>A correction or update, with its note; null for a typo fix or no answer.</summary>
    public (ChangeKind Kind, string Note)? PublicChange =>
        Change is ChangeKind.Correction or ChangeKind.Update && ChangeNote?.Trim() is { Length: > 0 } note ? (Change.Value, note) : null;

    /// <summary>The same statement content (not the version token, nor the save's change kind or time).</summary>
    public bool SameContentAs(ArticleForm other) =>
        (Title.Trim(), (Slug ?? "").Trim(), Lead.Trim(), Place.Trim(), (ProcedureReference ?? "").Trim(), Language, (BodyMarkdown ?? "").ReplaceLineEndings())
            == (other.Title.Trim(), (other.Slug ?? "").Trim(), other.Lead.Trim(), other.Place.Trim(), (other.ProcedureReference ?? "").Trim(), other.Language, (other.BodyMarkdown ?? "").ReplaceLineEndings())
        && LeadImageId == other.LeadImageId
        && AuthorIds.OfType<int>().SequenceEqual(other.AuthorIds.OfType<int>())
        && CommitteeIds.ToHashSet().SetEquals(other.CommitteeIds) && TopicIds.ToHashSet().SetEquals(other.TopicIds);

    public static ArticleForm From(Article a) => new()
    {
        Version = a.Version, Title = a.Title, Slug = a.Slug, Lead = a.Lead, Place = a.Place, ProcedureReference = a.ProcedureReference,
        Language = a.Language, BodyMarkdown = a.BodyMarkdown, LeadImageId = a.LeadImageId,
        AuthorIds = a.Authors.OrderBy(x => x.Position).Select(x => (int?)x.AuthorId).ToList(),
        CommitteeIds = a.Committees.Select(c => c.Id).ToList(),
        TopicIds = a.Topics.Select(t => t.Id).ToList(),
    };
}

public sealed record Choice(int Id, string Name);

/// <summary>
/// An autosaved copy of the form the person left unsaved, offered for restoring with its difference
/// from the saved text; <see cref="Stale"/> when the statement was saved since the form was opened.
/// </summary>
public sealed record AutosaveOffer(DateTime SavedAt, IReadOnlyList<Revisions.DiffLine> Lines, bool Stale);

/// <summary>New text waiting to replace a live statement's, as staff see it in the editor.</summary>
public sealed record PendingUpdateView(DateTime At, string By, ChangeKind Change, string? Note, DateTime? HeldAt, IReadOnlyList<Revisions.DiffLine> Lines);

/// <summary>The lists the editor's selects and check boxes offer.</summary>
public sealed record EditorChoices(IReadOnlyList<Choice> Authors, IReadOnlyList<Choice> Committees, IReadOnlyList<Choice> Topics)
{
    /// <summary>The images a lead image may be: the newest of the library with an alternative text, and the statement's own.</summary>
    public IReadOnlyList<LeadImageChoice> LeadImages { get; init; } = [];
}

/// <summary>An image the editor offers as the lead image, with what the preview beside the select shows.</summary>
public sealed record LeadImageChoice(int Id, string FileName, string AltText, int Width, int Height)
{
    public string Name => $"{AltText} ({Width} × {Height})";
    public string ThumbnailUrl => MediaFiles.RenditionUrl(FileName, Width > ResponsiveImage.RenditionWidths[0] ? ResponsiveImage.RenditionWidths[0] : Width, ImageFormat.Webp);
}

/// <summary>The other person's version, shown beside the user's own text after a conflicting save.</summary>
public sealed record ConflictVersion(string Title, string Lead, string BodyMarkdown, DateTime UpdatedAt, string UpdatedBy);

public sealed class EditorViewModel
{
    public int? Id { get; init; }
    public ArticleStatus Status { get; init; } = ArticleStatus.Draft;
    public DateTime? PublishAt { get; init; }
    /// <summary>Public now (published, its time passed): it may be pinned to the home page.</summary>
    public bool IsPublic { get; init; }
    /// <summary>Pinned to the top of the home page now; <see cref="PinnedUntil"/> ends it.</summary>
    public bool IsPinned { get; init; }
    public DateTime? PinnedUntil { get; init; }
    /// <summary>Public now: saving asks whether the change is a typo fix or a correction or update.</summary>
    public bool AsksChangeKind => IsPublic;
    /// <summary>The notes readers already see, oldest first.</summary>
    public IReadOnlyList<ArticleCorrection> Corrections { get; init; } = [];
    /// <summary>The statement's PDF documents, in their order.</summary>
    public IReadOnlyList<Attachments.AttachmentRow> Attachments { get; init; } = [];
    public string AttachmentLimit { get; init; } = "";
    /// <summary>Staff comments, open threads first (never public).</summary>
    public IReadOnlyList<Comments.CommentThread> Comments { get; init; } = [];
    /// <summary>The person's autosaved copy, if one differs from the saved text (and the form does not show it already).</summary>
    public AutosaveOffer? Autosaved { get; init; }
    /// <summary>The form shows a restored autosaved copy.</summary>
    public bool Restored { get; init; }
    /// <summary>New text scheduled to replace the live one, with its diff against the live text.</summary>
    public PendingUpdateView? PendingUpdate { get; init; }
    /// <summary>When it leaves the public site by itself (none: it stays).</summary>
    public DateTime? UnpublishAt { get; init; }
    public required ArticleForm Form { get; init; }
    public required EditorChoices Choices { get; init; }
    public ConflictVersion? Conflict { get; init; }
    public bool MayPublish { get; init; }
    public bool MayDelete { get; init; }
    public bool MaySubmit { get; init; }
    /// <summary>May start a translation (anyone who may write statements).</summary>
    public bool MayTranslate { get; init; }
    public string? Flash { get; init; }
    /// <summary>The statement's language versions, the source beside a translation and what changed in it (an existing statement).</summary>
    public Translations.TranslationPanel? Translations { get; init; }
    /// <summary>The panel <see cref="Flash"/> is about ("attachments"), or null: shown at the top.</summary>
    public string? FlashPlace { get; init; }
}
