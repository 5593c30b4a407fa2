using MepCms.Web.Data;
using MepCms.Web.Features.Admin.Directory;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.Topics;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Topics;

/// <summary>The topics: create, edit, merge, retire. Slugs are unique.</summary>
[Route("admin/topics")]
[Authorize(Policy = Policies.CanManageDirectory)]
public sealed class TopicsController(MepCmsDbContext db, IPublicCache cache, TimeProvider clock, DirectoryMerge merge, SiteLanguages languages)
    : DirectoryController<Topic>(db, cache, clock, languages)
{
    protected override DirectoryKind Kind => DirectoryKind.Topic;
    protected override (string Created, string Edited, string Retired) AuditNames =>
        (AuditActions.TopicCreated, AuditActions.TopicEdited, AuditActions.TopicRetired);

    protected override IQueryable<DirectoryRow> Rows() =>
        Entries.AsNoTracking().OrderByDescending(t => t.IsActive).ThenBy(t => t.Name)
            .Select(t => new DirectoryRow(t.Id, null, t.Name, t.Slug, t.IsActive, t.MergedIntoId != null, Db.Articles.Count(a => a.Topics.Any(x => x.Id == t.Id))));

    protected override string Label(Topic entry) => entry.Name;

    protected override Task<MergeOutcome> MergeAsync(int sourceId, int targetId, CancellationToken cancellationToken) =>
        merge.MergeTopicsAsync(sourceId, targetId, User, cancellationToken);
}
