using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Shared;

namespace MepCms.Web.Features.Committees;

public sealed record CommitteeCard(string Code, string Slug, string Name, string Description, int MemberCount);

public sealed record CommitteeDirectoryViewModel(IReadOnlyList<CommitteeCard> Committees) : IHasPageMeta
{
    public PageMeta Meta => new("Committees", "The parliamentary committees our MEPs sit on, and the statements about their work.", "/committees");
}
