using Microsoft.Extensions.Time.Testing;

namespace MepCms.Tests.Support;

/// <summary>
/// What a staff member's authenticator app shows, computed by an independent RFC 6238 implementation
/// (Otp.NET) from the key the app gave out, at the app's own (fake) clock.
/// </summary>
public static class Totp
{
    public static string Code(string key, FakeTimeProvider clock) => Code(key, clock.GetUtcNow());

    public static string Code(string key, DateTimeOffset at) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp(at.UtcDateTime);

    /// <summary>A well-formed code that the app would not accept now (it matches no step near the clock).</summary>
    public static string WrongCode(string key, FakeTimeProvider clock)
    {
        var near = new[] { -30, 0, 30 }.Select(s => Code(key, clock.GetUtcNow().AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !near.Contains(c));
    }
}
