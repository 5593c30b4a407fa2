using System.Globalization;
using System.Security.Cryptography;
using MepCms.Web.Data;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Web.Features.TwoFactor;

/// <summary>
/// Identity's authenticator (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) with two changes:
/// the clock is the injected <see cref="TimeProvider"/>, and a code is accepted once only. The last
/// accepted time step is kept in the user's Identity tokens; a code of that step or an earlier one
/// is refused, so a code seen over a shoulder or in a proxy log cannot be replayed within its window.
/// Two requests racing with one code meet the user's concurrency stamp: one of them fails, cleanly.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider clock, MepCmsDbContext db) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "MepCmsAuthenticator";
    public const int Digits = 6;
    private const string LastStepToken = "LastAuthenticatorStep";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(""); // the user's authenticator app makes the codes

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit)
            || await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key
            || Base32.Decode(key) is not { Length: > 0 } secret)
        {
            return false;
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        var lastUsed = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Name, LastStepToken), CultureInfo.InvariantCulture, out var last) ? last : long.MinValue;
        // One step either side allows for a phone's clock being a little off and for typing time.
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > lastUsed && CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                try
                {
                    if ((await manager.SetAuthenticationTokenAsync(user, Name, LastStepToken, step.ToString(CultureInfo.InvariantCulture))).Succeeded)
                    {
                        return true;
                    }
                }
                catch (DbUpdateException)
                {
                }
                await ForgetFailedWriteAsync(user);
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// A racing request took this code first (the concurrency stamp or the token's key refused our
    /// write). Drop our half-done write and take the account as it now is, so that counting the
    /// failure and the audit entry that follow can be saved.
    /// </summary>
    private async Task ForgetFailedWriteAsync(AppUser user)
    {
        foreach (var entry in db.ChangeTracker.Entries<IdentityUserToken<string>>().ToList())
        {
            entry.State = EntityState.Detached;
        }
        await db.Entry(user).ReloadAsync();
    }

    /// <summary>The code of one time step (RFC 4226 dynamic truncation).</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }
}

/// <summary>RFC 4648 base32, the alphabet of Identity's authenticator keys and of otpauth:// secrets.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[]? Decode(string text)
    {
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. output];
    }
}
