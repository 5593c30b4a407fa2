using DiffPlex.DiffBuilder;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Admin.Articles;
using MepCms.Web.Features.Articles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Articles.Revisions;

public sealed record RevisionRow(int Number, DateTime CreatedAt, string CreatedBy, string Note, ArticleStatus Status);

public sealed record RevisionListViewModel(int ArticleId, string Title, IReadOnlyList<RevisionRow> Revisions, bool MayRestore, string? Flash);

public sealed record DiffLine(string Kind, string Text);

/// <summary>A statement's text (title, lead and body as one text) compared line by line.</summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffLine> Lines((string Title, string Lead, string Body) older, (string Title, string Lead, string Body) newer)
    {
        static string Text((string Title, string Lead, string Body) t) => $"{t.Title}\n\n{t.Lead}\n\n{t.Body}";
        var model = InlineDiffBuilder.Diff(Text(older), Text(newer), ignoreWhiteSpace: false);
        return model.Lines.Select(l => new DiffLine(l.Type.ToString().ToLowerInvariant(), l.Text)).ToList();
    }
}

public sealed record RevisionDiffViewModel(int ArticleId, string Title, int From, int To, IReadOnlyList<DiffLine> Lines);

/// <summary>A statement's history: every save, a diff between any two, and restore (itself a new revision).</summary>
[Route("admin/articles")]
[Authorize(Policy = Policies.BackOffice)]
public sealed class RevisionsController(MepCmsDbContext db, ArticleEditor editor) : AdminController
{
    [HttpGet("{id:int:min(1)}/revisions")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var title = await db.Articles.Where(a => a.Id == id).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return NotFound();
        }
        var revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number)
            .Select(r => new RevisionRow(r.Number, r.CreatedAt, r.CreatedByName, r.Note, r.Status)).ToListAsync(cancellationToken);
        return View(new RevisionListViewModel(id, title, revisions, User.MayPublish(), TempData.TakeFlash()));
    }

    [HttpGet("{id:int:min(1)}/revisions/diff")]
    public async Task<IActionResult> Diff(int id, int from, int to, CancellationToken cancellationToken)
    {
        var pair = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id && (r.Number == from || r.Number == to))
            .Select(r => new { r.Number, r.Title, r.Lead, r.BodyMarkdown, ArticleTitle = r.Article.Title }).ToListAsync(cancellationToken);
        var older = pair.Find(r => r.Number == from);
        var newer = pair.Find(r => r.Number == to);
        if (older is null || newer is null)
        {
            return NotFound();
        }
        var lines = TextDiff.Lines((older.Title, older.Lead, older.BodyMarkdown), (newer.Title, newer.Lead, newer.BodyMarkdown));
        return View(new RevisionDiffViewModel(id, newer.ArticleTitle, from, to, lines));
    }

    [Authorize(Policy = Policies.CanPublish), HttpPost("{id:int:min(1)}/revisions/{number:int:min(1)}/restore")]
    public async Task<IActionResult> Restore(int id, int number, CancellationToken cancellationToken)
    {
        var revision = await db.ArticleRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken);
        var article = revision is null ? null : await editor.LoadAsync(id, cancellationToken);
        if (revision is null || article is null)
        {
            return NotFound();
        }
        var form = ArticleForm.From(article);
        (form.Title, form.Lead, form.BodyMarkdown) = (revision.Title, revision.Lead, revision.BodyMarkdown);
        var result = await editor.UpdateAsync(article, form, User, ModelState, $"Restored revision {number}", cancellationToken);
        Flash(result.Outcome switch
        {
            SaveOutcome.Saved => $"Revision {number} was restored as a new revision.",
            SaveOutcome.Conflict => "Someone saved the statement at the same moment; check it and try again.",
            _ => "Revision " + number + " could not be restored: " + string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)),
        });
        return Redirect($"/admin/articles/{id}/revisions");
    }
}
