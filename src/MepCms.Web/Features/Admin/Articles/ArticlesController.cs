using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Markdown;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles;

/// <summary>The statement list and the editor (new, edit, live preview of the body).</summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class ArticlesController(MepCmsDbContext db, ArticleEditor editor, Autosave.Autosaves autosaves, Translations.Translations translations,
    IAuthorizationService authorization, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Features.Media.MediaOptions> attachmentLimit) : AdminController
{
    private const int PageSize = 25;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ArticleListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !query.IsValid)
        {
            return BadRequest();
        }
        var articles = db.Articles.AsNoTracking();
        if (query.Status is { } status) { articles = articles.Where(a => a.Status == status); }
        if (query.Mep is { } mep) { articles = articles.Where(a => a.Authors.Any(x => x.AuthorId == mep)); }
        if (query.Committee is { } committee) { articles = articles.Where(a => a.Committees.Any(c => c.Id == committee)); }
        if (query.Language is { } language) { articles = articles.Where(a => a.Language == language); }
        if (query.Q is { Length: > 0 } text) { articles = articles.Where(a => a.Title.Contains(text) || a.Lead.Contains(text)); }
        articles = query.Sort switch
        {
            "title" => articles.OrderBy(a => a.Title).ThenBy(a => a.Id),
            "publish" => articles.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id),
            _ => articles.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id),
        };
        var page = await articles
            .Select(a => new ArticleRow(a.Id, a.Title, a.Status, a.PublishAt, a.UpdatedAt, a.Authors.OrderBy(x => x.Position).Select(x => x.Author.FullName).ToList(), a.Language))
            .ToPageAsync(Paging.Normalise(query.Page), PageSize, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        return View(new ArticleListViewModel(page, query, await ChoicesAsync(cancellationToken), clock.GetUtcNow().UtcDateTime, TempData.TakeFlash()));
    }

    [Authorize(Policy = Policies.CanEditOwnDrafts), HttpGet("new")]
    public async Task<IActionResult> New([FromQuery] string? restore, CancellationToken cancellationToken)
    {
        var copy = await autosaves.FindAsync(User.Id()!, null, cancellationToken);
        if (restore == RestoreAutosave && copy is not null)
        {
            return View("Edit", await EditorAsync(null, copy.Form, cancellationToken, restored: true));
        }
        return View("Edit", await EditorAsync(null, new ArticleForm(), cancellationToken, offer: copy));
    }

    [Authorize(Policy = Policies.CanEditOwnDrafts), HttpPost("new")]
    public async Task<IActionResult> Create(ArticleForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await editor.CreateAsync(form, User, ModelState, cancellationToken);
            if (result.Outcome == SaveOutcome.Saved)
            {
                Flash("The statement was saved as a draft.");
                return RedirectToAction(nameof(Edit), new { id = result.Id });
            }
        }
        return View("Edit", await EditorAsync(null, form, cancellationToken));
    }

    /// <summary>The query value that fills the form with the person's autosaved copy (nothing is saved until they save).</summary>
    public const string RestoreAutosave = "autosave";

    [HttpGet("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Edit(int id, [FromQuery] string? restore, CancellationToken cancellationToken)
    {
        var article = await editor.LoadAsync(id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!await MayEditAsync(article))
        {
            return Forbid();
        }
        var copy = await autosaves.FindAsync(User.Id()!, id, cancellationToken);
        if (restore == RestoreAutosave && copy is not null)
        {
            // The copy keeps the version it was typed on: saved over since, saving it shows the conflict.
            return View(await EditorAsync(article, copy.Form, cancellationToken, restored: true));
        }
        return View(await EditorAsync(article, ArticleForm.From(article), cancellationToken, offer: copy));
    }

    [HttpPost("{id:int:min(1)}/edit")]
    public async Task<IActionResult> Update(int id, ArticleForm form, CancellationToken cancellationToken)
    {
        var article = await editor.LoadAsync(id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!await MayEditAsync(article))
        {
            return Forbid();
        }
        AskChangeKind(article, form);
        var result = ModelState.IsValid ? await editor.UpdateAsync(article, form, User, ModelState, "Edited", cancellationToken) : null;
        return await AfterSaveAsync(article, form, result, "Your changes were saved.", cancellationToken);
    }

    /// <summary>The edit form's other button: the text replaces the live one at the chosen time, not now.</summary>
    [Authorize(Policy = Policies.CanPublish), HttpPost("{id:int:min(1)}/scheduled-update")]
    public async Task<IActionResult> ScheduleUpdate(int id, ArticleForm form, CancellationToken cancellationToken)
    {
        var article = await editor.LoadAsync(id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        AskChangeKind(article, form);
        var result = ModelState.IsValid ? await editor.ScheduleUpdateAsync(article, form, User, ModelState, cancellationToken) : null;
        return await AfterSaveAsync(article, form, result,
            $"The new text will replace the live one at {(form.UpdateAt is { } at ? BrusselsTime.DateTimeText(BrusselsTime.ToUtc(at)) : "")} Brussels time.", cancellationToken);
    }

    [Authorize(Policy = Policies.CanPublish), HttpPost("{id:int:min(1)}/scheduled-update/cancel")]
    public async Task<IActionResult> CancelUpdate(int id, [FromServices] ScheduledUpdates updates, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFound();
        }
        Flash(await updates.CancelAsync(id, User, cancellationToken)
            ? "The scheduled update was cancelled: the live text stays."
            : "There was no scheduled update to cancel.");
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task<IActionResult> AfterSaveAsync(Article article, ArticleForm form, SaveResult? result, string done, CancellationToken cancellationToken)
    {
        if (result?.Outcome == SaveOutcome.Saved)
        {
            Flash(done);
            return RedirectToAction(nameof(Edit), new { id = article.Id });
        }
        if (result?.Outcome == SaveOutcome.Conflict)
        {
            // The user's own text stays in the form; saving again now knowingly replaces the other version.
            form.Version = result.CurrentVersion;
            ModelState.Remove(nameof(form.Version));
            Response.StatusCode = StatusCodes.Status409Conflict;
            var reloaded = await editor.LoadAsync(article.Id, cancellationToken);
            return View(nameof(Edit), await EditorAsync(reloaded, form, cancellationToken, result.Conflict));
        }
        return View(nameof(Edit), await EditorAsync(article, form, cancellationToken));
    }

    /// <summary>Saving a public statement must say what the change is: a silent typo fix, or a correction or update with a note.</summary>
    private void AskChangeKind(Article article, ArticleForm form)
    {
        if (!article.IsVisibleAt(clock.GetUtcNow().UtcDateTime))
        {
            return;
        }
        if (form.Change is not { } kind || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError(nameof(form.Change), "This statement is public: say whether your change is a typo fix, a correction or an update.");
        }
        else if (kind != ChangeKind.TypoFix && string.IsNullOrWhiteSpace(form.ChangeNote))
        {
            ModelState.AddModelError(nameof(form.ChangeNote), "Write the note readers will see with the correction or update.");
        }
    }

    /// <summary>The live preview: the body rendered by the same pipeline as the public page.</summary>
    [Authorize(Policy = Policies.CanEditOwnDrafts), HttpPost("preview")]
    public IActionResult Preview([FromForm] string? markdown, [FromForm] string? language, [FromServices] IMarkdownRenderer renderer)
    {
        if (markdown is { Length: > Limits.Body })
        {
            return BadRequest("The body is too long.");
        }
        try
        {
            // The statement's language gives the quotation marks; anything but a two-letter code is English's.
            return Content(renderer.Render(markdown ?? "", language is { Length: 2 } && language.All(char.IsAsciiLetterLower) ? language : null), "text/html; charset=utf-8");
        }
        catch (ArgumentException)
        {
            return BadRequest("The body is nested too deeply to be rendered.");
        }
    }

    private async Task<bool> MayEditAsync(Article article) =>
        (await authorization.AuthorizeAsync(User, new ArticleOwnership(article.CreatedById, article.Status), Policies.CanEditArticle)).Succeeded;

    private async Task<EditorViewModel> EditorAsync(Article? article, ArticleForm form, CancellationToken cancellationToken, ConflictVersion? conflict = null,
        Autosave.AutosavedForm? offer = null, bool restored = false) => new()
    {
        Autosaved = Offer(article, offer), Restored = restored,
        Id = article?.Id, Status = article?.Status ?? ArticleStatus.Draft, PublishAt = article?.PublishAt, Form = form,
        IsPublic = article is not null && article.IsVisibleAt(clock.GetUtcNow().UtcDateTime),
        IsPinned = article is { PinnedAt: not null } && (article.PinnedUntil is null || article.PinnedUntil > clock.GetUtcNow().UtcDateTime),
        PinnedUntil = article?.PinnedUntil, UnpublishAt = article?.UnpublishAt,
        PendingUpdate = article is null ? null : await PendingUpdateAsync(article, cancellationToken),
        Translations = article is null ? null : await translations.PanelAsync(article, cancellationToken),
        Comments = article is null ? [] : await CommentsAsync(article, cancellationToken),
        Attachments = article is null ? [] : await db.ArticleAttachments.AsNoTracking().Where(a => a.ArticleId == article.Id).OrderBy(a => a.Position).ThenBy(a => a.Id)
            .Select(a => new Attachments.AttachmentRow(new Features.Attachments.AttachmentLink(a.Id, a.Title, a.DownloadName, a.Bytes) { PageCount = a.PageCount },
                a.UploadedByName, a.UploadedAt)).ToListAsync(cancellationToken),
        AttachmentLimit = Features.Media.Sizes.Text(attachmentLimit.Value.AttachmentMaxBytes),
        Corrections = article is null ? [] : await db.ArticleCorrections.AsNoTracking().Where(c => c.ArticleId == article.Id).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken),
        Choices = await ChoicesAsync(cancellationToken) with { LeadImages = await LeadImagesAsync(form.LeadImageId, cancellationToken) }, Conflict = conflict,
        MayPublish = User.MayPublish(), MayDelete = User.IsInRole(Account.Roles.Admin),
        MaySubmit = article is { Status: ArticleStatus.Draft } && await MayEditAsync(article),
        MayTranslate = (await authorization.AuthorizeAsync(User, Policies.CanEditOwnDrafts)).Succeeded,
        Flash = TempData.TakeFlash(), FlashPlace = TempData.TakeFlashPlace(),
    };

    private async Task<IReadOnlyList<Comments.CommentThread>> CommentsAsync(Article article, CancellationToken cancellationToken)
    {
        var all = await db.ArticleComments.AsNoTracking().Where(c => c.ArticleId == article.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. all.Where(c => c.ParentId is null)
            .Select(c => new Comments.CommentThread(c, [.. all.Where(r => r.ParentId == c.Id)], Comments.CommentsController.MayResolve(c, article.CreatedById, User)))
            .OrderBy(t => t.Start.ResolvedAt is not null)];
    }

    /// <summary>The autosaved copy, offered when it holds something the saved text does not.</summary>
    private static AutosaveOffer? Offer(Article? article, Autosave.AutosavedForm? copy)
    {
        if (copy is null)
        {
            return null;
        }
        var typed = copy.Form;
        if (typed.SameContentAs(article is null ? new ArticleForm() : ArticleForm.From(article)))
        {
            return null;
        }
        var saved = article is null ? ("", "", "") : (article.Title, article.Lead, article.BodyMarkdown);
        var lines = Revisions.TextDiff.Lines(saved, (typed.Title, typed.Lead, typed.BodyMarkdown ?? ""));
        return new AutosaveOffer(copy.SavedAt, lines, article is not null && copy.BaseVersion != article.Version);
    }

    private async Task<PendingUpdateView?> PendingUpdateAsync(Article article, CancellationToken cancellationToken)
    {
        var pending = await db.ScheduledUpdates.AsNoTracking().FirstOrDefaultAsync(u => u.ArticleId == article.Id, cancellationToken);
        return pending is null ? null : new PendingUpdateView(pending.At, pending.CreatedByName, pending.Change, pending.ChangeNote, pending.HeldAt,
            Revisions.TextDiff.Lines((article.Title, article.Lead, article.BodyMarkdown), (pending.Title, pending.Lead, pending.BodyMarkdown)));
    }

    /// <summary>The newest images of the library that have an alternative text, and the one the form names (first, whatever its age).</summary>
    private async Task<IReadOnlyList<LeadImageChoice>> LeadImagesAsync(int? current, CancellationToken cancellationToken) =>
        await db.Media.AsNoTracking().Where(m => m.Kind == Features.Media.MediaKind.Image && (m.AltText != "" || m.Id == current))
            .OrderByDescending(m => m.Id == current).ThenByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(LeadImageChoices)
            .Select(m => new LeadImageChoice(m.Id, m.FileName, m.AltText, m.Width, m.Height)).ToListAsync(cancellationToken);

    private const int LeadImageChoices = 60;

    private async Task<EditorChoices> ChoicesAsync(CancellationToken cancellationToken) => new(
        await db.Authors.AsNoTracking().OrderBy(a => a.FullName).Select(a => new Choice(a.Id, a.FullName)).ToListAsync(cancellationToken),
        await db.Committees.AsNoTracking().OrderBy(c => c.Code).Select(c => new Choice(c.Id, c.Code + " — " + c.Name)).ToListAsync(cancellationToken),
        await db.Topics.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(cancellationToken));
}
