using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Web.Features.Articles;

/// <summary>A statement in a list: home page, MEP, committee, topic and search pages.</summary>
public sealed record ArticleSummary(string Title, string Slug, string Lead, DateTime PublishAt, IReadOnlyList<NamedLink> Authors, RatingSummary Rating)
{
    /// <summary>The version's id.</summary>
    public int Id { get; init; }
    /// <summary>Its statement's id: a list's cached page is tagged with the statements it shows, so a rating evicts just those lists.</summary>
    public int StatementId { get; init; }
    /// <summary>Its lead image, if it has one (the card shows it; its credit is on the statement's page).</summary>
    public Media.ResponsiveImage? Image { get; init; }
}

public sealed record ArticleListViewModel(PagedList<ArticleSummary> Articles, PageMeta Meta, string Heading) : IHasPageMeta;

public sealed class ArticlePageViewModel : IHasPageMeta
{
    public int Id { get; init; }
    /// <summary>The statement it is a version of: the rating and the cache tag are the statement's.</summary>
    public int StatementId { get; init; }
    public required string Title { get; init; }
    public required string Slug { get; init; }
    public required string Lead { get; init; }
    public required string BodyHtml { get; init; }
    public required string Language { get; init; }
    public required string Place { get; init; }
    public string? ProcedureReference { get; init; }
    public required DateTime PublishAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    /// <summary>The photo above the statement, with its alt text and credit; none: the share card stands in for it when shared.</summary>
    public Media.ResponsiveImage? LeadImage { get; init; }
    /// <summary>The MEPs in order, as the side column of the page shows them (photo, group, press contact).</summary>
    public required IReadOnlyList<StatementMep> Meps { get; init; }
    /// <summary>The byline: the same MEPs, by name (read with them: one query).</summary>
    public IReadOnlyList<NamedLink> Authors => field ??= [.. Meps.Select(m => new NamedLink(m.Card.FullName, m.Card.Slug))];
    public required IReadOnlyList<NamedLink> Committees { get; init; }
    public required IReadOnlyList<NamedLink> Topics { get; init; }
    public required RatingSummary Rating { get; init; }
    /// <summary>Its PDF documents, in the order the office gave them (a preview or an embargo page points them at its own downloads).</summary>
    public IReadOnlyList<Attachments.AttachmentLink> Documents { get; set; } = [];
    /// <summary>The dated notes of its corrections and updates, oldest first.</summary>
    public IReadOnlyList<CorrectionNote> Corrections { get; init; } = [];
    /// <summary>
    /// The public versions of its statement, itself included, by language: the language switcher
    /// and the hreflang alternates lead to them. Empty where only this version counts (a preview).
    /// </summary>
    public IReadOnlyList<StatementVersion> Versions { get; set; } = [];
    /// <summary>A few other statements by the same MEPs or on the same committees or topics.</summary>
    public IReadOnlyList<ArticleSummary> Related { get; set; } = [];
    public PageMeta Meta => LeadImage is { } photo
        ? new(Title, Lead, $"/articles/{Slug}", "article")
        {
            Image = photo.ShareUrl, ImageAlt = photo.AltText, ImageType = photo.Fallback.ContentType,
            ImageWidth = photo.ShareWidthOffered, ImageHeight = photo.HeightAt(photo.ShareWidthOffered),
        }
        : new(Title, Lead, $"/articles/{Slug}", "article") { Image = CardPath, ImageAlt = Title };

    /// <summary>The share card the server draws for the statement (decision 0260).</summary>
    public string CardPath => $"/articles/{Slug}/card.png";

    /// <summary>What a shared link shows: the lead image's 1200-pixel rendition, or else the share card (decision 0280).</summary>
    public string SharePath => LeadImage?.ShareUrl ?? CardPath;
}

/// <summary>One language version of a statement, as the switcher links to it.</summary>
public sealed record StatementVersion(string Language, string Slug);

/// <summary>A correction or update as readers see it: "Corrected on 7 October 2023: …".</summary>
public sealed record CorrectionNote(ChangeKind Kind, DateTime At, string Note)
{
    public string Label => SiteText.Format(Kind == ChangeKind.Correction ? "CorrectedOn" : "UpdatedOn", Infrastructure.Web.BrusselsTime.DateForReaders(At));

    /// <summary>The whole note in one line of plain text (the feed's item description).</summary>
    public string Text => $"{Label}: {Note}";
}

/// <summary>An MEP beside their statement: the directory card and the press contact.</summary>
public sealed record StatementMep(Meps.AuthorCard Card, string? PressEmail, string? PressPhone)
{
    /// <summary>A mailto: link only for one plain mailbox.</summary>
    public string? EmailLink => Infrastructure.Mail.MailAddresses.Normalise(PressEmail) is { } email ? "mailto:" + email : null;

    /// <summary>A tel: link of the digits (and a leading +) only; none when there are too few to dial.</summary>
    public string? PhoneLink
    {
        get
        {
            var digits = new string([.. (PressPhone ?? "").Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0))]);
            return digits.Count(char.IsAsciiDigit) >= 4 ? "tel:" + digits : null;
        }
    }
}

/// <summary>
/// Cuts a title or lead into pieces to mark (the reader's search words); a list of statements uses
/// it when the page puts one in its ViewData under <see cref="Key"/>.
/// </summary>
public delegate IEnumerable<(string Text, bool Match)> ArticleListMarks(string text);

/// <summary>The ViewData keys a list of statements reads.</summary>
public static class ArticleListOptions
{
    /// <summary>An <see cref="ArticleListMarks"/>: the words to mark in titles and leads.</summary>
    public const string Marks = "ArticleList.Marks";
    /// <summary>True: the first statement of the first page opens the list as the lead story, the others in a grid.</summary>
    public const string LeadStory = "ArticleList.LeadStory";
    /// <summary>An <see cref="ArticleSummary"/> pinned by the editors: the lead story, marked "Pinned", before the others.</summary>
    public const string Pinned = "ArticleList.Pinned";
}
