using System.Text;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Security;
using MepCms.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.TwoFactor;

/// <summary>
/// A signed-in staff member's two-factor sign-in: enrol an authenticator app, get recovery codes
/// (shown once), make new ones, move to a new phone (reset) or turn it off (not an admin while
/// admins must have it). Keys and codes are shown in no-store pages and never logged.
/// </summary>
[Authorize, AutoValidateAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TwoFactorController(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, QrCodeSvg qr, IOptions<SiteOptions> site, IOptions<SecurityOptions> security,
    MepCmsDbContext db, TimeProvider clock, DevelopmentCodeHint hint, ILogger<TwoFactorController> logger) : Controller
{
    public const string WrongCode = "That code is not right. Check the time on your phone and enter the code the app shows now.";
    public const string WrongPassword = "Your password is not right. Changing two-factor sign-in needs your password again.";
    public const string AdminsMustKeepIt = "Administrators must sign in with two-factor. You can move it to a new phone with the reset button instead.";

    [HttpGet(TwoFactorSetup.ManagePath)]
    public async Task<IActionResult> Index() => View(await PageAsync(await CurrentUserAsync(), null));

    [HttpPost(TwoFactorSetup.ManagePath)]
    public async Task<IActionResult> Enable(EnableTwoFactorForm form)
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled)
        {
            return Redirect(TwoFactorSetup.ManagePath);
        }
        if (!ModelState.IsValid || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, form.Code))
        {
            return View(nameof(Index), await PageAsync(user, WrongCode));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorSetup.RecoveryCodeCount);
        await ChangedAsync(user, "enabled", "Turned on two-factor sign-in");
        return View("RecoveryCodes", new RecoveryCodesViewModel([.. codes ?? []], JustEnabled: true));
    }

    [HttpPost(TwoFactorSetup.ManagePath + "/recovery-codes")]
    public async Task<IActionResult> RecoveryCodes(ConfirmPasswordForm form)
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled)
        {
            return Redirect(TwoFactorSetup.ManagePath);
        }
        if (await RefusedAsync(user, form) is { } refused)
        {
            return refused;
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorSetup.RecoveryCodeCount);
        await ChangedAsync(user, "new recovery codes", "Made new recovery codes");
        return View(new RecoveryCodesViewModel([.. codes ?? []], JustEnabled: false));
    }

    /// <summary>A new key for a new phone: two-factor is off until the new app is confirmed with a code.</summary>
    [HttpPost(TwoFactorSetup.ManagePath + "/reset")]
    public async Task<IActionResult> Reset(ConfirmPasswordForm form)
    {
        var user = await CurrentUserAsync();
        if (await RefusedAsync(user, form) is { } refused)
        {
            return refused;
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await ChangedAsync(user, "authenticator reset", "Reset the authenticator app");
        return Redirect(TwoFactorSetup.ManagePath);
    }

    [HttpPost(TwoFactorSetup.ManagePath + "/disable")]
    public async Task<IActionResult> Disable(ConfirmPasswordForm form)
    {
        var user = await CurrentUserAsync();
        if (MustKeep())
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), await PageAsync(user, AdminsMustKeepIt));
        }
        if (await RefusedAsync(user, form) is { } refused)
        {
            return refused;
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user); // the old key may be on a lost phone
        await ChangedAsync(user, "disabled", "Turned off two-factor sign-in");
        return Redirect(TwoFactorSetup.ManagePath);
    }

    /// <summary>
    /// A second factor that is on changes only with the password typed again (ASVS: re-authenticate
    /// before changing authentication factors), so a session left open cannot be used to take it over.
    /// A wrong password counts towards the lockout like at sign-in.
    /// </summary>
    private async Task<IActionResult?> RefusedAsync(AppUser user, ConfirmPasswordForm form)
    {
        if (ModelState.IsValid && (await signIn.CheckPasswordSignInAsync(user, form.CurrentPassword, lockoutOnFailure: true)).Succeeded)
        {
            return null;
        }
        logger.SignInFailed(user.Id, "wrong password to change two-factor sign-in");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await PageAsync(user, WrongPassword));
    }

    private bool MustKeep() => security.Value.RequireTwoFactorForAdmins && User.IsInRole(Roles.Admin);

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in user without an account");

    /// <summary>Audit, security log (never the key or codes), and a fresh cookie: the security stamp changed.</summary>
    private async Task ChangedAsync(AppUser user, string change, string summary)
    {
        await signIn.RefreshSignInAsync(user);
        db.Record(User, clock.GetUtcNow().UtcDateTime, AuditActions.UserTwoFactorChanged, "User", user.Id, summary);
        await db.SaveChangesAsync();
        logger.TwoFactorChanged(user.Id, change);
    }

    private async Task<TwoFactorViewModel> PageAsync(AppUser user, string? message)
    {
        if (user.TwoFactorEnabled)
        {
            return new TwoFactorViewModel(true, null, null, await users.CountRecoveryCodesAsync(user), MustKeep(), message);
        }
        if (await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user); // the new key changed the security stamp
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        await hint.WriteAsync(users, user);
        var issuer = site.Value.Name.Replace(':', ' ');
        var account = user.Email ?? user.UserName ?? user.Id;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits={TotpTokenProvider.Digits}";
        return new TwoFactorViewModel(false, qr.Render(uri, $"QR code to add {issuer} to an authenticator app"), Grouped(key), 0, MustKeep(), message);
    }

    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
