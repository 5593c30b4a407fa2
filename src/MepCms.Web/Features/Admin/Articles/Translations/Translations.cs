using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Admin.Articles.Revisions;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Media;
using MepCms.Web.Infrastructure.Markdown;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Translations;

/// <summary>One language version of a statement as the editor lists them.</summary>
public sealed record VersionRow(int Id, string Language, string Title, ArticleStatus Status, DateTime? PublishAt, bool IsCurrent, bool IsOriginal, bool IsOutOfDate)
{
    public string LanguageName => EuLanguages.NameOf(Language);
}

/// <summary>The version a translation was made from, shown beside the translator's editor.</summary>
public sealed record SourceView(int Id, string Language, string Title, string Lead, string BodyHtml, int Revision)
{
    public string LanguageName => EuLanguages.NameOf(Language);
}

/// <summary>
/// What the source's text changed since the translation was last brought up to date: from its
/// revision <paramref name="From"/> to its revision <paramref name="To"/>.
/// </summary>
public sealed record SourceChanges(int From, int To, IReadOnlyList<DiffLine> Lines);

/// <summary>The editor's panel of a statement's language versions.</summary>
public sealed record TranslationPanel(int ArticleId, IReadOnlyList<VersionRow> Versions, IReadOnlyList<(string Code, string Name)> Missing, SourceView? Source,
    SourceChanges? Changes)
{
    /// <summary>Where the panel's own messages show: news, and a request refused.</summary>
    public const string Place = "translations", ErrorPlace = "translations-error";
}

public enum TranslateOutcome { Created, NoSuchStatement, NotALanguage, AlreadyThere }

/// <summary>
/// A statement's language versions in the back office (decision 0298): a translation is a new
/// draft version of the same statement, prefilled from its source; it is out of date while the
/// source's text has changed since the translator last marked it updated.
/// </summary>
public sealed class Translations(MepCmsDbContext db, IMarkdownRenderer markdown, MediaImageSizes imageSizes, ArticleRevisions revisions, TimeProvider clock)
{
    public async Task<TranslationPanel> PanelAsync(Article article, CancellationToken cancellationToken)
    {
        var versions = await db.Articles.AsNoTracking().Where(a => a.StatementId == article.StatementId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Language, a.Title, a.Status, a.PublishAt, a.TranslationOfId, a.TranslatedRevision })
            .ToListAsync(cancellationToken);
        var rows = new List<VersionRow>(versions.Count);
        SourceChanges? changes = null;
        // Translations of one source last updated with one revision share their answer.
        var checkedSources = new Dictionary<(int Source, int? Since), SourceChanges?>();
        foreach (var v in versions)
        {
            SourceChanges? changed = null;
            if (v.TranslationOfId is { } sourceId && !checkedSources.TryGetValue((sourceId, v.TranslatedRevision), out changed))
            {
                checkedSources[(sourceId, v.TranslatedRevision)] = changed = await ChangesAsync(sourceId, v.TranslatedRevision, cancellationToken);
            }
            if (v.Id == article.Id)
            {
                changes = changed;
            }
            rows.Add(new VersionRow(v.Id, v.Language, v.Title, v.Status, v.PublishAt, v.Id == article.Id, v.Id == versions[0].Id, changed is not null));
        }
        var present = versions.Select(v => v.Language).ToHashSet();
        var source = article.TranslationOfId is { } of
            ? await db.Articles.AsNoTracking().Where(a => a.Id == of)
                .Select(a => new SourceView(a.Id, a.Language, a.Title, a.Lead, a.BodyHtml, a.Revisions.Max(r => (int?)r.Number) ?? 0))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return new TranslationPanel(article.Id, rows, [.. EuLanguages.All.Where(l => !present.Contains(l.Code))], source, changes);
    }

    /// <summary>
    /// The source's changes since revision <paramref name="since"/>; null when its title, lead and
    /// body read the same (a save that changed only its status or links is no reason to translate again).
    /// </summary>
    private async Task<SourceChanges?> ChangesAsync(int sourceId, int? since, CancellationToken cancellationToken)
    {
        var latest = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == sourceId).OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.Title, r.Lead, r.BodyMarkdown }).FirstOrDefaultAsync(cancellationToken);
        if (latest is null || since is not { } from || latest.Number <= from)
        {
            return null;
        }
        var then = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == sourceId && r.Number == from)
            .Select(r => new { r.Title, r.Lead, r.BodyMarkdown }).FirstOrDefaultAsync(cancellationToken);
        if (then is not null && (then.Title, then.Lead, then.BodyMarkdown) == (latest.Title, latest.Lead, latest.BodyMarkdown))
        {
            return null;
        }
        var lines = TextDiff.Lines(then is null ? ("", "", "") : (then.Title, then.Lead, then.BodyMarkdown), (latest.Title, latest.Lead, latest.BodyMarkdown));
        return new SourceChanges(from, latest.Number, lines);
    }

    /// <summary>
    /// A new draft version of <paramref name="sourceId"/>'s statement in <paramref name="language"/>,
    /// its text, MEPs, committees, topics, place, procedure and lead image copied from the source for
    /// the translator to replace, written by <paramref name="user"/>.
    /// </summary>
    public async Task<(TranslateOutcome Outcome, int Id)> TranslateAsync(int sourceId, string? language, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var source = await db.Articles.AsNoTracking().Include(a => a.Authors).Include(a => a.Committees).Include(a => a.Topics).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return (TranslateOutcome.NoSuchStatement, 0);
        }
        if (!EuLanguages.IsOfficial(language))
        {
            return (TranslateOutcome.NotALanguage, 0);
        }
        if (await db.Articles.AnyAsync(a => a.StatementId == source.StatementId && a.Language == language, cancellationToken))
        {
            return (TranslateOutcome.AlreadyThere, 0);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var html = await imageSizes.AddAsync(markdown.Render(source.BodyMarkdown, language), cancellationToken);
        var translation = new Article
        {
            StatementId = source.StatementId, Language = language!, TranslationOfId = source.Id,
            TranslatedRevision = await db.ArticleRevisions.Where(r => r.ArticleId == source.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0,
            Title = source.Title, Slug = await FreeSlugAsync($"{source.Slug}-{language}", cancellationToken), Lead = source.Lead,
            BodyMarkdown = source.BodyMarkdown, BodyHtml = html, Place = source.Place, ProcedureReference = source.ProcedureReference, LeadImageId = source.LeadImageId,
            Status = ArticleStatus.Draft, CreatedAt = now, CreatedById = user.Id(), UpdatedAt = now, UpdatedById = user.Id(),
        };
        translation.Authors.AddRange(source.Authors.Select(x => new ArticleAuthor { AuthorId = x.AuthorId, Position = x.Position }));
        var committees = source.Committees.Select(c => c.Id).ToList();
        var topics = source.Topics.Select(t => t.Id).ToList();
        translation.Committees.AddRange(await db.Committees.Where(c => committees.Contains(c.Id)).ToListAsync(cancellationToken));
        translation.Topics.AddRange(await db.Topics.Where(t => topics.Contains(t.Id)).ToListAsync(cancellationToken));
        db.Articles.Add(translation);
        revisions.Add(translation, user, now, $"Translation into {EuLanguages.NameOf(language!)} started from the {EuLanguages.NameOf(source.Language)} version", 1);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A colleague created this language's version at the same moment (one per language per statement).
            db.ChangeTracker.Clear();
            return (TranslateOutcome.AlreadyThere, 0);
        }
        db.Record(user, now, AuditActions.ArticleCreated, "Article", translation.Id,
            $"Created the {EuLanguages.NameOf(language!)} version of statement {source.Id} (\"{source.Title}\")");
        await db.SaveChangesAsync(cancellationToken);
        return (TranslateOutcome.Created, translation.Id);
    }

    /// <summary>The translator says the translation follows the source's current text: it is no longer out of date.</summary>
    public async Task<bool> MarkUpdatedAsync(Article translation, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (translation.TranslationOfId is not { } sourceId)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        translation.TranslatedRevision = await db.ArticleRevisions.Where(r => r.ArticleId == sourceId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        db.Record(user, now, AuditActions.ArticleEdited, "Article", translation.Id, $"Marked up to date with revision {translation.TranslatedRevision} of statement {sourceId}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary><paramref name="wanted"/>, or it with -2, -3… when another statement has it (now or before).</summary>
    private async Task<string> FreeSlugAsync(string wanted, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : $"-{n}";
            var slug = wanted[..Math.Min(wanted.Length, Limits.Slug - suffix.Length)].TrimEnd('-') + suffix;
            if (!await db.Articles.AnyAsync(a => a.Slug == slug, cancellationToken) && !await db.ArticleSlugs.AnyAsync(s => s.Slug == slug, cancellationToken))
            {
                return slug;
            }
        }
    }
}
