using MepCms.Web.Data;
using MepCms.Web.Features.Admin.Directory;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Committees;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Committees;

/// <summary>The committees: create, edit, merge, retire. Codes and slugs are unique.</summary>
[Route("admin/committees")]
[Authorize(Policy = Policies.CanManageDirectory)]
public sealed class CommitteesController(MepCmsDbContext db, IPublicCache cache, TimeProvider clock, DirectoryMerge merge, SiteLanguages languages)
    : DirectoryController<Committee>(db, cache, clock, languages)
{
    protected override DirectoryKind Kind => DirectoryKind.Committee;
    protected override (string Created, string Edited, string Retired) AuditNames =>
        (AuditActions.CommitteeCreated, AuditActions.CommitteeEdited, AuditActions.CommitteeRetired);

    protected override IQueryable<DirectoryRow> Rows() =>
        Entries.AsNoTracking().OrderByDescending(c => c.IsActive).ThenBy(c => c.Code)
            .Select(c => new DirectoryRow(c.Id, c.Code, c.Name, c.Slug, c.IsActive, c.MergedIntoId != null, c.Memberships.Count));

    protected override string Label(Committee entry) => entry.Code + " " + entry.Name;
    protected override string ShortLabel(Committee entry) => entry.Code;

    protected override Task<MergeOutcome> MergeAsync(int sourceId, int targetId, CancellationToken cancellationToken) =>
        merge.MergeCommitteesAsync(sourceId, targetId, User, cancellationToken);

    protected override void FillOwn(Committee entry, DirectoryEntryForm form) => form.Code = entry.Code;

    protected override async Task<bool> ApplyOwnAsync(Committee entry, DirectoryEntryForm form, CancellationToken cancellationToken)
    {
        var code = form.Code?.Trim().ToUpperInvariant() ?? "";
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(form.Code), "Enter the committee's code.");
            return false;
        }
        if (await Entries.AnyAsync(c => c.Code == code && c.Id != entry.Id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Code), $"Another committee already has the code “{code}”.");
            return false;
        }
        entry.Code = code;
        return true;
    }
}
