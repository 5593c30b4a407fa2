using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.Admin.Users;

/// <summary>
/// Staff accounts: create with a role and an initial password, change the role, lock, unlock,
/// reset the password or two-factor sign-in. The last active admin can never be demoted or locked, nor can an admin
/// demote or lock themselves.
/// </summary>
[Route("admin/users")]
[Authorize(Policy = Policies.IsAdmin)]
public sealed class UsersController(MepCmsDbContext db, UserManager<AppUser> users, TimeProvider clock) : AdminController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new UserListViewModel(await RowsAsync(null, cancellationToken), new NewUserForm(), TempData.TakeFlash()));

    [HttpPost("new")]
    public async Task<IActionResult> Create(NewUserForm form, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(form.Role))
        {
            ModelState.AddModelError(nameof(form.Role), "Choose one of the roles.");
        }
        if (ModelState.IsValid)
        {
            var user = new AppUser { UserName = form.Email.Trim(), Email = form.Email.Trim(), EmailConfirmed = true, DisplayName = form.DisplayName.Trim() };
            if (await InTransactionAsync(async () => AddErrors(await users.CreateAsync(user, form.Password)) && AddErrors(await users.AddToRoleAsync(user, form.Role))
                && await AuditAsync(AuditActions.UserCreated, user, $"{user.Email} as {form.Role}", cancellationToken), cancellationToken))
            {
                Flash($"{user.Email} can now sign in as {form.Role}.");
                return RedirectToAction(nameof(Index));
            }
        }
        return View(nameof(Index), new UserListViewModel(await RowsAsync(null, cancellationToken), form, null));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Show(string id, CancellationToken cancellationToken)
    {
        var row = (await RowsAsync(id, cancellationToken)).SingleOrDefault();
        return row is null ? NotFound() : View(new UserViewModel(row, row.Id == User.Id(), TempData.TakeFlash()));
    }

    [HttpPost("{id}/role")]
    public Task<IActionResult> ChangeRole(string id, RoleForm form, CancellationToken cancellationToken) =>
        ChangeAsync(id, demotes: form.Role != Roles.Admin, async user =>
        {
            if (!Roles.All.Contains(form.Role))
            {
                return "Choose one of the roles.";
            }
            var current = await users.GetRolesAsync(user);
            return AddErrors(await users.RemoveFromRolesAsync(user, current)) && AddErrors(await users.AddToRoleAsync(user, form.Role))
                && AddErrors(await users.UpdateSecurityStampAsync(user))
                ? null : "The role could not be changed.";
        }, AuditActions.UserRoleChanged, $"role set to {form.Role}", cancellationToken);

    [HttpPost("{id}/lock")]
    public Task<IActionResult> Lock(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, demotes: true, async user =>
            AddErrors(await users.SetLockoutEnabledAsync(user, true)) && AddErrors(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue))
            && AddErrors(await users.UpdateSecurityStampAsync(user)) ? null : "The account could not be locked.",
            AuditActions.UserLocked, "locked; sessions ended", cancellationToken);

    [HttpPost("{id}/unlock")]
    public Task<IActionResult> Unlock(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, demotes: false, async user =>
            AddErrors(await users.SetLockoutEndDateAsync(user, null)) && AddErrors(await users.ResetAccessFailedCountAsync(user)) ? null : "The account could not be unlocked.",
            AuditActions.UserUnlocked, "unlocked", cancellationToken);

    [HttpPost("{id}/password")]
    public Task<IActionResult> ResetPassword(string id, PasswordResetForm form, CancellationToken cancellationToken) =>
        ChangeAsync(id, demotes: false, async user =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, form.Password ?? "");
            return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
        }, AuditActions.UserPasswordReset, "password reset; sessions ended", cancellationToken);

    /// <summary>
    /// For someone who lost both their phone and their recovery codes: two-factor is off and the key
    /// new, their sessions end, and they set up the app again (an admin must, at next sign-in).
    /// </summary>
    [HttpPost("{id}/two-factor/reset")]
    public Task<IActionResult> ResetTwoFactor(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, demotes: false, async user =>
            AddErrors(await users.SetTwoFactorEnabledAsync(user, false)) && AddErrors(await users.ResetAuthenticatorKeyAsync(user))
                ? null : "Two-factor sign-in could not be reset.",
            AuditActions.UserTwoFactorReset, "two-factor sign-in reset; sessions ended", cancellationToken);

    /// <summary>Loads the user, applies the last-admin and not-yourself rules, runs the change and audits it.</summary>
    private async Task<IActionResult> ChangeAsync(string id, bool demotes, Func<AppUser, Task<string?>> change, string action, string summary, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var refusal = demotes ? await RefuseDemotionAsync(user, cancellationToken) : null;
        if (refusal is null)
        {
            await InTransactionAsync(async () =>
                (refusal = await change(user)) is null && await AuditAsync(action, user, $"{user.Email}: {summary}", cancellationToken), cancellationToken);
        }
        if (refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            var row = (await RowsAsync(id, cancellationToken)).Single();
            return View(nameof(Show), new UserViewModel(row, row.Id == User.Id(), refusal));
        }
        Flash($"{user.Email}: {summary}.");
        return RedirectToAction(nameof(Show), new { id });
    }

    private async Task<string?> RefuseDemotionAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (user.Id == User.Id())
        {
            return "You cannot lock yourself or give up your own admin role: ask another admin.";
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var otherActiveAdmins = (await users.GetUsersInRoleAsync(Roles.Admin))
            .Count(u => u.Id != user.Id && (u.LockoutEnd is null || u.LockoutEnd <= now));
        return otherActiveAdmins == 0 ? "This is the last active admin: make someone else an admin first." : null;
    }

    private async Task<bool> AuditAsync(string action, AppUser user, string summary, CancellationToken cancellationToken)
    {
        db.Record(User, clock.GetUtcNow().UtcDateTime, action, "User", user.Id, summary);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Identity's steps and the audit entry commit together (inside the execution strategy: docs/decisions/0050).</summary>
    private Task<bool> InTransactionAsync(Func<Task<bool>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var done = await work();
            if (done)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return done;
        });

    private bool AddErrors(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError("", error.Description);
        }
        return result.Succeeded;
    }

    private async Task<List<UserRow>> RowsAsync(string? id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking().Where(u => id == null || u.Id == id).OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.TwoFactorEnabled, Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.Role ?? "—", u.LockoutEnd > now, u.TwoFactorEnabled)).ToList();
    }
}
