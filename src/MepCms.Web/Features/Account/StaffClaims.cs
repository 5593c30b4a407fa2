using System.Security.Claims;

namespace MepCms.Web.Features.Account;

/// <summary>What a signed-in member of staff is, read from their claims.</summary>
public static class StaffClaims
{
    /// <summary>Editors and admins publish, schedule and unpublish; contributors do not.</summary>
    public static bool MayPublish(this ClaimsPrincipal user) => user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin);

    /// <summary>The user's id (the name identifier claim), or null when not signed in.</summary>
    public static string? Id(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
