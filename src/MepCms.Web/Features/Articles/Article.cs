using MepCms.Web.Features.Meps;
using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Topics;

namespace MepCms.Web.Features.Articles;

public enum ArticleStatus
{
    Draft = 0,
    InReview = 1,
    Published = 2,
    Unpublished = 3,
}

/// <summary>
/// A press statement in one language (a version of its <see cref="Statement"/>). Public exactly
/// when <see cref="PublicArticles"/> says so.
/// </summary>
public sealed class Article
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Lead { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    /// <summary>Rendered and sanitised once, when the body is saved.</summary>
    public string BodyHtml { get; set; } = "";
    /// <summary>ISO 639-1.</summary>
    public string Language { get; set; } = "en";
    public ArticleStatus Status { get; set; } = ArticleStatus.Draft;
    /// <summary>UTC. In the future while Published means scheduled.</summary>
    public DateTime? PublishAt { get; set; }
    /// <summary>
    /// UTC; set once the go-live side effects (cache eviction, audit entry) were done. Whoever moves
    /// <see cref="PublishAt"/> or the status back must clear it, so the statement goes live again.
    /// </summary>
    public DateTime? WentLiveAt { get; set; }
    /// <summary>UTC; the statement leaves the public site then (expiry), exactly like a go-live in reverse.</summary>
    public DateTime? UnpublishAt { get; set; }
    /// <summary>UTC; set while editors pin it to the top of the home page (one statement at a time).</summary>
    public DateTime? PinnedAt { get; set; }
    /// <summary>UTC; the pin ends then (none: until unpinned).</summary>
    public DateTime? PinnedUntil { get; set; }
    public string Place { get; set; } = "";
    public string? ProcedureReference { get; set; }
    /// <summary>The photo above the statement, in lists and on social networks (an image of the library, with its alt text and credit).</summary>
    public int? LeadImageId { get; set; }
    public Media.MediaItem? LeadImage { get; set; }
    /// <summary>
    /// The site's address as the request that published or scheduled it saw it: the base of the
    /// links in its alerts when Site:PublicUrl is not set.
    /// </summary>
    public string LinkBaseUrl { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    /// <summary>The statement this is a language version of: it holds the rating, shared by every version.</summary>
    public int StatementId { get; set; }
    public Statement Statement { get; set; } = null!;
    /// <summary>The version this one was translated from (none: written in its own language, or its source was deleted).</summary>
    public int? TranslationOfId { get; set; }
    /// <summary>
    /// The source's revision number this translation was last brought up to date with: a later
    /// revision of the source marks it out of date until the translator marks it updated.
    /// </summary>
    public int? TranslatedRevision { get; set; }

    /// <summary>App-managed optimistic concurrency token, renewed on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<ArticleAuthor> Authors { get; set; } = [];
    public List<Committee> Committees { get; set; } = [];
    public List<Topic> Topics { get; set; } = [];
    public List<ArticleSlug> FormerSlugs { get; set; } = [];
    public List<ArticleRevision> Revisions { get; set; } = [];
    /// <summary>The public notes of corrections and updates made after it went live, oldest first.</summary>
    public List<ArticleCorrection> Corrections { get; set; } = [];

    /// <summary>Makes the byline these MEPs, in this order, keeping the rows of those already on it.</summary>
    public void SetAuthors(IReadOnlyList<int> authorIds)
    {
        Authors.RemoveAll(x => !authorIds.Contains(x.AuthorId));
        for (var i = 0; i < authorIds.Count; i++)
        {
            if (Authors.Find(x => x.AuthorId == authorIds[i]) is { } byline)
            {
                byline.Position = i;
            }
            else
            {
                Authors.Add(new ArticleAuthor { AuthorId = authorIds[i], Position = i });
            }
        }
    }
}

/// <summary>One speaking MEP of a statement, in byline order.</summary>
public sealed class ArticleAuthor
{
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;
    public int Position { get; set; }
}

/// <summary>A slug the statement answered to before; requests for it are redirected (301).</summary>
public sealed class ArticleSlug
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public string Slug { get; set; } = "";
    public DateTime RetiredAt { get; set; }
}

/// <summary>A snapshot taken at every save, for history, diff and restore.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string Lead { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public ArticleStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";
    public string Note { get; set; } = "";
}

/// <summary>What an edit of a public statement was, as the editor says when saving it.</summary>
public enum ChangeKind
{
    /// <summary>Spelling, punctuation, a broken link: nothing public changes but the modified date.</summary>
    TypoFix = 0,
    /// <summary>A fact was wrong: a dated "Corrected on …" note is shown to readers.</summary>
    Correction = 1,
    /// <summary>News was added: a dated "Updated on …" note is shown to readers.</summary>
    Update = 2,
}

/// <summary>
/// A dated note for readers, added when a public statement was corrected or updated. Kept with the
/// revision the change was saved as, never removed: a correction is part of the public record.
/// </summary>
public sealed class ArticleCorrection
{
    public const int NoteLength = 500;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    /// <summary><see cref="ChangeKind.Correction"/> or <see cref="ChangeKind.Update"/>.</summary>
    public ChangeKind Kind { get; set; }
    public string Note { get; set; } = "";
    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    /// <summary>The revision the corrected text was saved as.</summary>
    public int RevisionNumber { get; set; }
}
