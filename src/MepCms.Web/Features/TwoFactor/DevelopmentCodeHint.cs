using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;

namespace MepCms.Web.Features.TwoFactor;

/// <summary>
/// A newcomer on <c>dotnet run</c> reaches the back office without a phone: in the Development
/// environment only, the enrolment page and the sign-in's code step write the current authenticator
/// code to the console (and the page says so). Any other environment never computes or writes one.
/// </summary>
public sealed class DevelopmentCodeHint(IHostEnvironment environment, TimeProvider clock, ILogger<DevelopmentCodeHint> logger)
{
    public bool Enabled => environment.IsDevelopment();

    /// <summary>Writes the code of the present 30-second step for <paramref name="user"/>'s key, in Development.</summary>
    public async Task WriteAsync(UserManager<AppUser> users, AppUser user)
    {
        if (!Enabled || await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key || Base32.Decode(key) is not { Length: > 0 } secret)
        {
            return;
        }
        var step = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        logger.LogWarning("Development only: the authenticator code for {Account} is {Code} (good for about a minute; reload the page for a new one). Key: {Key}",
            user.Email, TotpTokenProvider.Code(secret, step), key);
    }
}
