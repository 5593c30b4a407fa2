using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Web.Features.Committees;

public sealed record CommitteeCard(string Code, string Slug, string Name, string Description, int MemberCount);

public sealed record CommitteeDirectoryViewModel(IReadOnlyList<CommitteeCard> Committees) : IHasPageMeta
{
    public PageMeta Meta => new(SiteText.Get("Committees"), SiteText.Get("CommitteesDescription"), "/committees");
}
