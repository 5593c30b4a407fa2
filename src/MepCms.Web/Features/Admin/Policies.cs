using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using Microsoft.AspNetCore.Authorization;

namespace MepCms.Web.Features.Admin;

/// <summary>
/// Every authorization policy of the back office, in one place. Controllers name them; the
/// authorization matrix test checks each admin endpoint carries at least one.
/// </summary>
public static class Policies
{
    /// <summary>Any member of staff: the class-level policy of every admin controller.</summary>
    public const string BackOffice = "BackOffice";
    /// <summary>Create statements and edit one's own drafts (every staff role).</summary>
    public const string CanEditOwnDrafts = "CanEditOwnDrafts";
    /// <summary>Edit any statement, publish, schedule, unpublish, restore, hand out embargo links.</summary>
    public const string CanPublish = "CanPublish";
    /// <summary>Create, edit and retire MEPs, committees and topics (Editor, Admin).</summary>
    public const string CanManageDirectory = "CanManageDirectory";
    /// <summary>Everything, including deleting statements.</summary>
    public const string IsAdmin = "IsAdmin";
    /// <summary>Resource policy: may this user edit this statement (see <see cref="ArticleOwnership"/>).</summary>
    public const string CanEditArticle = "CanEditArticle";

    public static IServiceCollection AddAdminPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(BackOffice, p => p.RequireRole(Roles.All))
            .AddPolicy(CanEditOwnDrafts, p => p.RequireRole(Roles.All))
            .AddPolicy(CanPublish, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(CanManageDirectory, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(IsAdmin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(CanEditArticle, p => p.AddRequirements(new EditArticleRequirement()));
        services.AddSingleton<IAuthorizationHandler, EditArticleHandler>();
        return services;
    }

}

/// <summary>Who wrote a statement and where it stands: what the edit rule needs to decide.</summary>
public sealed record ArticleOwnership(string? CreatedById, ArticleStatus Status);

public sealed class EditArticleRequirement : IAuthorizationRequirement;

/// <summary>Editors and admins edit any statement; a contributor only their own drafts.</summary>
internal sealed class EditArticleHandler : AuthorizationHandler<EditArticleRequirement, ArticleOwnership>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EditArticleRequirement requirement, ArticleOwnership resource)
    {
        var user = context.User;
        if (user.MayPublish()
            || (user.IsInRole(Roles.Contributor) && resource.Status == ArticleStatus.Draft && resource.CreatedById is { } owner && owner == user.Id()))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
