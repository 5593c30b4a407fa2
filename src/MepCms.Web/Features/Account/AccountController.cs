using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MepCms.Web.Features.Account;

/// <summary>Sign-in, sign-out and password change for the press office staff.</summary>
[AutoValidateAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AccountController(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, MepCmsDbContext db, TimeProvider clock, ILogger<AccountController> logger) : Controller
{
    // One message for every failure: it never says whether the e-mail or the password was wrong.
    public const string FailureMessage = "Sign-in failed: the e-mail or password is not right, or the account is locked for a while after too many attempts.";

    [HttpGet("/account/login")]
    public IActionResult Login(string? returnUrl) =>
        View(new LoginViewModel(new LoginForm { ReturnUrl = LocalOrNull(returnUrl) }, null));

    [HttpPost("/account/login"), EnableRateLimiting(LoginRateLimit.Policy)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        form.ReturnUrl = LocalOrNull(form.ReturnUrl);
        if (!ModelState.IsValid)
        {
            return View(new LoginViewModel(form, FailureMessage));
        }
        var user = await users.FindByEmailAsync(form.Email);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!result.Succeeded)
        {
            var reason = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong e-mail or password";
            db.Record(user?.Id, form.Email, now, "Auth.LoginFailed", "User", user?.Id ?? "", $"Failed sign-in ({reason})");
            await db.SaveChangesAsync();
            logger.LogWarning("Failed sign-in for user {UserId} ({Reason})", user?.Id ?? "unknown", reason);
            return View(new LoginViewModel(form, FailureMessage));
        }
        db.Record(user!.Id, user.UserName ?? form.Email, now, "Auth.LoggedIn", "User", user.Id, "Signed in");
        await db.SaveChangesAsync();
        return form.ReturnUrl is { } local ? LocalRedirect(local) : Redirect("/admin");
    }

    [HttpPost("/account/logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    [HttpGet("/account/denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [Authorize, HttpGet("/account/password")]
    public IActionResult Password() => View(new ChangePasswordViewModel(new ChangePasswordForm(), false));

    [Authorize, HttpPost("/account/password")]
    public async Task<IActionResult> Password(ChangePasswordForm form)
    {
        if (ModelState.IsValid && await users.GetUserAsync(User) is { } user)
        {
            var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                db.Record(User, clock.GetUtcNow().UtcDateTime, "User.PasswordChanged", "User", user.Id, "Changed own password");
                await db.SaveChangesAsync();
                return View(new ChangePasswordViewModel(new ChangePasswordForm(), true));
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), error.Description);
            }
        }
        return View(new ChangePasswordViewModel(form, false));
    }

    private string? LocalOrNull(string? url) => url is { Length: > 0 } && Url.IsLocalUrl(url) ? url : null;
}
