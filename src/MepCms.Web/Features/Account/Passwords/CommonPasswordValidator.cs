using System.Collections.Frozen;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;

namespace MepCms.Web.Features.Account.Passwords;

/// <summary>
/// Refuses common and breached passwords from an offline list shipped with the app (see
/// common-passwords.LICENSE.txt), a list entry padded with digits or symbols ("password1234567"),
/// and passwords built on the account's own e-mail name or the site's name.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private const int MinimumStem = 4;
    private static readonly string[] SiteWords = ["mepcms"];
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static IReadOnlySet<string> Passwords => List.Value;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length > PasswordLengthCapValidator.MaximumLength)
        {
            return Task.FromResult(IdentityResult.Success); // the other validators answer these
        }
        var candidate = password.ToLowerInvariant();
        var stem = candidate.Trim().Trim(NonLetters(candidate));
        if (List.Value.Contains(candidate) || (stem.Length >= MinimumStem && List.Value.Contains(stem)))
        {
            return Fail("CommonPassword", "This password is on a list of common or leaked passwords. Choose a phrase of your own.");
        }
        var accountName = (user.Email ?? user.UserName ?? "").Split('@')[0].ToLowerInvariant();
        if ((accountName.Length >= MinimumStem && candidate.Contains(accountName, StringComparison.Ordinal))
            || SiteWords.Any(w => candidate.Contains(w, StringComparison.Ordinal)))
        {
            return Fail("PasswordContainsAccountName", "The password must not contain your e-mail name or the site's name.");
        }
        return Task.FromResult(IdentityResult.Success);
    }

    private static char[] NonLetters(string text) => text.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    private static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>(capacity: 60_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }
        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }

    public const string ResourceName = "MepCms.Web.CommonPasswords";
}

/// <summary>At most 128 characters: a longer password gets a message, not a slow hash or a 500.</summary>
public sealed class PasswordLengthCapValidator : IPasswordValidator<AppUser>
{
    public const int MaximumLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is { Length: > MaximumLength }
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Use at most {MaximumLength} characters.",
            })
            : IdentityResult.Success);
}
