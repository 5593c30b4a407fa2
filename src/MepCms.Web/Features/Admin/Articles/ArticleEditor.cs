using System.Security.Claims;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Admin.Articles.Revisions;
using MepCms.Web.Features.Admin.Articles.Translations;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Media;
using MepCms.Web.Infrastructure.Markdown;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles;

public enum SaveOutcome { Saved, Invalid, Conflict }

public sealed record SaveResult(SaveOutcome Outcome, int Id = 0, ConflictVersion? Conflict = null, Guid CurrentVersion = default);

/// <summary>
/// Saves the editor's form: validates what the attributes cannot (slug, MEPs, committees, topics),
/// renders the body once, keeps a revision and an audit entry, and refuses a stale form.
/// </summary>
public sealed class ArticleEditor(MepCmsDbContext db, IMarkdownRenderer markdown, MediaImageSizes imageSizes, ArticleRevisions revisions, Autosave.Autosaves autosaves,
    PublicationEvents events, TimeProvider clock)
{
    public async Task<SaveResult> CreateAsync(ArticleForm form, ClaimsPrincipal user, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = new Article { CreatedAt = now, CreatedById = user.Id(), Status = ArticleStatus.Draft };
        if (!await ApplyAsync(article, form, errors, cancellationToken))
        {
            return new SaveResult(SaveOutcome.Invalid);
        }
        Stamp(article, user, now);
        db.Articles.Add(article);
        revisions.Add(article, user, now, "Created", 1);
        await db.SaveChangesAsync(cancellationToken);
        db.Record(user, now, AuditActions.ArticleCreated, "Article", article.Id, $"Created \"{article.Title}\"");
        await db.SaveChangesAsync(cancellationToken);
        await autosaves.DeleteAsync(user.Id()!, null, cancellationToken); // saved: the autosaved copy has done its work
        return new SaveResult(SaveOutcome.Saved, article.Id);
    }

    /// <summary>Saves <paramref name="form"/> over the tracked <paramref name="article"/> (loaded with <see cref="LoadAsync"/>).</summary>
    public async Task<SaveResult> UpdateAsync(Article article, ArticleForm form, ClaimsPrincipal user, ModelStateDictionary errors, string note, CancellationToken cancellationToken)
    {
        if (article.Version != form.Version)
        {
            return await ConflictAsync(article.Id, cancellationToken);
        }
        var oldSlug = article.Slug;
        var shared = StatementVersions.Shared(article);
        if (!await ApplyAsync(article, form, errors, cancellationToken))
        {
            return new SaveResult(SaveOutcome.Invalid, article.Id);
        }
        await StatementVersions.ShareIfChangedAsync(db, article, shared, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var number = await revisions.NextNumberAsync(article.Id, cancellationToken);
        var action = AuditActions.ArticleEdited;
        if (article.IsVisibleAt(now) && form.PublicChange is { } change)
        {
            // Readers are told: a dated note, kept with the revision the corrected text is saved as.
            article.Corrections.Add(new ArticleCorrection { Kind = change.Kind, Note = change.Note, CreatedAt = now, CreatedById = user.Id(), RevisionNumber = number });
            (action, note) = (AuditActions.ArticleCorrected, $"{(change.Kind == ChangeKind.Correction ? "Correction" : "Update")}: {change.Note}");
        }
        else if (article.IsVisibleAt(now) && form.Change == ChangeKind.TypoFix)
        {
            note = "Typo fix";
        }
        if (oldSlug != article.Slug && article.Status is ArticleStatus.Published or ArticleStatus.Unpublished)
        {
            // The old address was public: it keeps answering, with a permanent redirect.
            db.ArticleSlugs.Add(new ArticleSlug { ArticleId = article.Id, Slug = oldSlug, RetiredAt = now });
        }
        Stamp(article, user, now);
        // Always an update of the row, even when only its links changed, so the token is renewed and checked.
        db.Entry(article).Property(a => a.UpdatedAt).IsModified = true;
        db.Entry(article).Property(a => a.Version).OriginalValue = form.Version;
        revisions.Add(article, user, now, note, number);
        db.Record(user, now, action, "Article", article.Id, $"{note}: \"{article.Title}\"" + (oldSlug != article.Slug ? $" (slug {oldSlug} → {article.Slug})" : ""));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(article.Id, cancellationToken);
        }
        await autosaves.DeleteAsync(user.Id()!, article.Id, cancellationToken);
        if (article.Status is ArticleStatus.Published || oldSlug != article.Slug)
        {
            await events.RaiseAsync(new PublicationChanged(article.Id, PublicationChange.Edited), cancellationToken);
        }
        return new SaveResult(SaveOutcome.Saved, article.Id);
    }

    /// <summary>
    /// Schedules the form's title, lead and body to replace the live text of a public statement at
    /// <see cref="ArticleForm.UpdateAt"/> (Brussels time); the one pending update, if any, is replaced.
    /// The live text stays until then (docs/decisions/0190).
    /// </summary>
    public async Task<SaveResult> ScheduleUpdateAsync(Article article, ArticleForm form, ClaimsPrincipal user, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        if (article.Version != form.Version)
        {
            return await ConflictAsync(article.Id, cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime at = default;
        if (!article.IsVisibleAt(now))
        {
            errors.AddModelError("", "Only a public statement takes a scheduled update: save the text instead.");
        }
        else if (form.UpdateAt is not { } local)
        {
            errors.AddModelError(nameof(form.UpdateAt), "Choose the time at which the new text replaces the live one.");
        }
        else if ((at = BrusselsTime.ToUtc(local)) <= now)
        {
            errors.AddModelError(nameof(form.UpdateAt), "That time has passed: choose a time in the future, or save the change now.");
        }
        else if (article.UnpublishAt is { } end && at >= end)
        {
            errors.AddModelError(nameof(form.UpdateAt), "The update must come before the statement's unpublish time.");
        }
        if (!KeepsTheRest(article, form))
        {
            errors.AddModelError("", "A scheduled update replaces the title, lead and body only: save the other changes (slug, MEPs, place, procedure, language, lead image, committees, topics) now, or leave them as they are.");
        }
        var body = form.BodyMarkdown ?? "";
        var html = Render(body, article.Language, errors);
        if (!errors.IsValid)
        {
            return new SaveResult(SaveOutcome.Invalid, article.Id);
        }
        html = await imageSizes.AddAsync(html, cancellationToken);
        // The one pending update of the statement, new or replaced (a held one too: it is written anew).
        var pending = await db.ScheduledUpdates.FirstOrDefaultAsync(u => u.ArticleId == article.Id, cancellationToken);
        if (pending is null)
        {
            db.ScheduledUpdates.Add(pending = new ScheduledUpdate { ArticleId = article.Id });
        }
        var told = form.PublicChange;
        (pending.Title, pending.Lead, pending.BodyMarkdown, pending.BodyHtml) =
            (Typography.Smarten(form.Title.Trim(), article.Language), Typography.Smarten(form.Lead.Trim(), article.Language), body, html);
        (pending.Change, pending.ChangeNote, pending.At, pending.BaseVersion, pending.HeldAt) = (told?.Kind ?? ChangeKind.TypoFix, told?.Note, at, article.Version, null);
        (pending.CreatedAt, pending.CreatedById, pending.CreatedByName) = (now, user.Id(), user.Identity?.Name ?? "");
        db.Record(user, now, AuditActions.ArticleUpdateScheduled, "Article", article.Id,
            $"New text scheduled for {BrusselsTime.DateTimeText(at)} Brussels time" + (told is { } t ? $" ({t.Kind}: {t.Note})" : "") + $": \"{form.Title.Trim()}\"");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A colleague scheduled one for the same statement at the same moment (one per statement).
            db.ChangeTracker.Clear();
            return await ConflictAsync(article.Id, cancellationToken);
        }
        await autosaves.DeleteAsync(user.Id()!, article.Id, cancellationToken);
        await events.RaiseAsync(new PublicationChanged(article.Id, PublicationChange.Edited), cancellationToken);
        return new SaveResult(SaveOutcome.Saved, article.Id);
    }

    /// <summary>The body rendered and sanitised; a form error (and nothing) when it is nested too deeply.</summary>
    private string Render(string body, string language, ModelStateDictionary errors)
    {
        try
        {
            return markdown.Render(body, language);
        }
        catch (ArgumentException)
        {
            errors.AddModelError(nameof(ArticleForm.BodyMarkdown), "The body is nested too deeply to be rendered; simplify its lists or quotes.");
            return "";
        }
    }

    /// <summary>The form leaves everything but the text as the statement has it.</summary>
    private static bool KeepsTheRest(Article article, ArticleForm form) =>
        (string.IsNullOrWhiteSpace(form.Slug) || form.Slug.Trim() == article.Slug)
        && form.Place.Trim() == article.Place
        && (string.IsNullOrWhiteSpace(form.ProcedureReference) ? null : form.ProcedureReference.Trim()) == article.ProcedureReference
        && form.Language == article.Language
        && form.LeadImageId == article.LeadImageId
        && form.AuthorIds.OfType<int>().Distinct().SequenceEqual(article.Authors.OrderBy(x => x.Position).Select(x => x.AuthorId))
        && form.CommitteeIds.ToHashSet().SetEquals(article.Committees.Select(c => c.Id))
        && form.TopicIds.ToHashSet().SetEquals(article.Topics.Select(t => t.Id));

    public Task<Article?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Articles.Include(a => a.Authors).Include(a => a.Committees).Include(a => a.Topics).Include(a => a.FormerSlugs)
            .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    private async Task<SaveResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var current = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Title, a.Lead, a.BodyMarkdown, a.UpdatedAt, a.Version, By = db.Users.Where(u => u.Id == a.UpdatedById).Select(u => u.UserName).FirstOrDefault() })
            .FirstAsync(cancellationToken);
        return new SaveResult(SaveOutcome.Conflict, id, new ConflictVersion(current.Title, current.Lead, current.BodyMarkdown, current.UpdatedAt, current.By ?? "someone"), current.Version);
    }

    private static void Stamp(Article article, ClaimsPrincipal user, DateTime now)
    {
        article.UpdatedAt = now;
        article.UpdatedById = user.Id();
    }

    private async Task<bool> ApplyAsync(Article article, ArticleForm form, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        // Typographic quotes and dashes in the statement's language, as its body gets them.
        var title = Typography.Smarten(form.Title.Trim(), form.Language);
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(title) : form.Slug.Trim();
        if (!Slugs.IsValid(slug))
        {
            errors.AddModelError(nameof(form.Slug), "Use lower-case letters, digits and single hyphens in the slug (for example vote-on-the-budget).");
        }
        else if (await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != article.Id, cancellationToken)
            || await db.ArticleSlugs.AnyAsync(s => s.Slug == slug && s.ArticleId != article.Id, cancellationToken))
        {
            errors.AddModelError(nameof(form.Slug), $"The slug \"{slug}\" is already used by another statement.");
        }
        if (await StatementVersions.LanguageTakenAsync(db, article, form.Language, cancellationToken))
        {
            errors.AddModelError(nameof(form.Language), $"This statement already has a version in {EuLanguages.NameOf(form.Language)}: choose another language, or edit that version.");
        }
        var authorIds = form.AuthorIds.OfType<int>().Distinct().ToList();
        var committeeIds = form.CommitteeIds.Distinct().ToList();
        var topicIds = form.TopicIds.Distinct().ToList();
        var authors = await db.Authors.Where(a => authorIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var committees = await db.Committees.Where(c => committeeIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var topics = await db.Topics.Where(t => topicIds.Contains(t.Id)).ToListAsync(cancellationToken);
        if (authorIds.Count == 0)
        {
            errors.AddModelError(nameof(form.AuthorIds), "Choose at least one speaking MEP.");
        }
        if (form.LeadImageId is { } imageId && form.LeadImageId != article.LeadImageId)
        {
            var image = await db.Media.Where(m => m.Id == imageId).Select(m => new { m.Kind, m.AltText }).FirstOrDefaultAsync(cancellationToken);
            if (image is null || image.Kind != MediaKind.Image)
            {
                errors.AddModelError(nameof(form.LeadImageId), "That image is no longer in the media library: choose another one.");
            }
            else if (string.IsNullOrWhiteSpace(image.AltText))
            {
                errors.AddModelError(nameof(form.LeadImageId), "That image has no alternative text: describe it in the media library first, so readers who cannot see it know what it shows.");
            }
        }
        if (authors.Count != authorIds.Count || committees.Count != committeeIds.Count || topics.Count != topicIds.Count)
        {
            errors.AddModelError("", "An MEP, committee or topic you chose no longer exists.");
        }
        // A form opened before a merge still names the merged entry: it stands for the one it went into.
        if (committees.Any(c => c.MergedIntoId is not null))
        {
            var ids = committees.Select(c => c.MergedIntoId ?? c.Id).Distinct().ToList();
            committees = await db.Committees.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        }
        if (topics.Any(t => t.MergedIntoId is not null))
        {
            var ids = topics.Select(t => t.MergedIntoId ?? t.Id).Distinct().ToList();
            topics = await db.Topics.Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        }
        var body = form.BodyMarkdown ?? "";
        var html = Render(body, form.Language, errors);
        if (!errors.IsValid)
        {
            return false;
        }
        html = await imageSizes.AddAsync(html, cancellationToken);
        article.FormerSlugs.RemoveAll(s => s.Slug == slug); // taking back one of its own former slugs
        (article.Title, article.Slug, article.Lead, article.Place) = (title, slug, Typography.Smarten(form.Lead.Trim(), form.Language), form.Place.Trim());
        (article.Language, article.BodyMarkdown, article.BodyHtml, article.LeadImageId) = (form.Language, body, html, form.LeadImageId);
        article.ProcedureReference = string.IsNullOrWhiteSpace(form.ProcedureReference) ? null : form.ProcedureReference.Trim();
        article.SetAuthors(authorIds);
        article.Committees.Clear();
        article.Committees.AddRange(committees);
        article.Topics.Clear();
        article.Topics.AddRange(topics);
        return true;
    }
}
