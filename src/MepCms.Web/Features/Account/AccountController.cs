using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace MepCms.Web.Features.Account;

/// <summary>Sign-in, sign-out and password change for the press office staff.</summary>
[Route("account")]
[AutoValidateAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AccountController(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, MepCmsDbContext db, TimeProvider clock, TwoFactor.DevelopmentCodeHint hint,
    ILogger<AccountController> logger) : Controller
{
    // One message for every failure: it never says whether the e-mail or the password was wrong.
    public const string FailureMessage = "Sign-in failed: the e-mail or password is not right, or the account is locked for a while after too many attempts.";
    public const string SecondStepFailure = "Sign-in failed: the code is not right or was used already, or the account is locked for a while after too many attempts.";
    public const string SecondStepPath = "/account/login/code";
    public const string RecoveryStepPath = "/account/login/recovery-code";

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) =>
        View(new LoginViewModel(new LoginForm { ReturnUrl = LocalOrNull(returnUrl) }, null));

    [HttpPost("login"), EnableRateLimiting(LoginRateLimit.Policy)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        form.ReturnUrl = LocalOrNull(form.ReturnUrl);
        if (!ModelState.IsValid)
        {
            return View(new LoginViewModel(form, FailureMessage));
        }
        var user = await users.FindByEmailAsync(form.Email);
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return Redirect(SecondStepPath + (form.ReturnUrl is { } url ? "?returnUrl=" + Uri.EscapeDataString(url) : ""));
        }
        return await SignedInOrFailedAsync(user, form.Email, result, "wrong e-mail or password", form.ReturnUrl, "Signed in",
            () => View(new LoginViewModel(form, FailureMessage)));
    }

    /// <summary>The second step of a sign-in with two-factor on: the authenticator's code.</summary>
    [HttpGet(SecondStepPath)]
    public Task<IActionResult> Code(string? returnUrl) => SecondStepPageAsync(returnUrl, recovery: false);

    [HttpPost(SecondStepPath), EnableRateLimiting(LoginRateLimit.Policy)]
    public Task<IActionResult> Code(SecondStepForm form) => SecondStepAsync(form, recovery: false);

    /// <summary>The second step with one of the recovery codes instead, each good once.</summary>
    [HttpGet(RecoveryStepPath)]
    public Task<IActionResult> RecoveryCode(string? returnUrl) => SecondStepPageAsync(returnUrl, recovery: true);

    [HttpPost(RecoveryStepPath), EnableRateLimiting(LoginRateLimit.Policy)]
    public Task<IActionResult> RecoveryCode(SecondStepForm form) => SecondStepAsync(form, recovery: true);

    private async Task<IActionResult> SecondStepPageAsync(string? returnUrl, bool recovery)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Redirect("/account/login"); // no password step in progress (or it expired): start again
        }
        if (!recovery)
        {
            await hint.WriteAsync(users, user);
        }
        return View("SecondStep", new SecondStepViewModel(new SecondStepForm { ReturnUrl = LocalOrNull(returnUrl) }, recovery, null));
    }

    private async Task<IActionResult> SecondStepAsync(SecondStepForm form, bool recovery)
    {
        form.ReturnUrl = LocalOrNull(form.ReturnUrl);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return Redirect("/account/login");
        }
        var code = form.Code.Trim();
        var result = !ModelState.IsValid ? SignInResult.Failed
            : recovery ? await signIn.TwoFactorRecoveryCodeSignInAsync(code.ToUpperInvariant())
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (recovery && !result.Succeeded && !result.IsLockedOut && ModelState.IsValid)
        {
            // Identity does not count a wrong recovery code towards the lockout; we do, like a wrong TOTP code.
            await users.AccessFailedAsync(user);
            result = await users.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
        }
        if (result.Succeeded && recovery)
        {
            logger.RecoveryCodeUsed(user.Id, await users.CountRecoveryCodesAsync(user));
        }
        return await SignedInOrFailedAsync(user, user.Email ?? "", result, recovery ? "wrong recovery code" : "wrong authenticator code", form.ReturnUrl,
            recovery ? "Signed in with a recovery code" : "Signed in with an authenticator code",
            () => View("SecondStep", new SecondStepViewModel(new SecondStepForm { ReturnUrl = form.ReturnUrl }, recovery, SecondStepFailure)));
    }

    private async Task<IActionResult> SignedInOrFailedAsync(AppUser? user, string email, SignInResult result,
        string wrong, string? returnUrl, string summary, Func<IActionResult> failed)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!result.Succeeded)
        {
            var reason = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : wrong;
            // Requests racing with one code leave the losers' account writes refused (concurrency
            // stamp) but still tracked; the audit entry must not retry them.
            db.ChangeTracker.Clear();
            db.Record(user?.Id, email, now, AuditActions.UserSignInFailed, "User", user?.Id ?? "", $"Failed sign-in ({reason})");
            await db.SaveChangesAsync();
            logger.SignInFailed(user?.Id ?? "unknown", reason);
            if (result.IsLockedOut && user is not null)
            {
                logger.LockedOut(user.Id);
            }
            return failed();
        }
        db.Record(user!.Id, user.UserName ?? email, now, AuditActions.UserSignedIn, "User", user.Id, summary);
        await db.SaveChangesAsync();
        return returnUrl is { } local ? LocalRedirect(local) : Redirect("/admin");
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [Authorize, HttpGet("password")]
    public IActionResult Password() => View(new ChangePasswordViewModel(new ChangePasswordForm(), false));

    [Authorize, HttpPost("password")]
    public async Task<IActionResult> Password(ChangePasswordForm form)
    {
        if (ModelState.IsValid && await users.GetUserAsync(User) is { } user)
        {
            var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.UserPasswordChanged, "User", user.Id, "Changed own password");
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
