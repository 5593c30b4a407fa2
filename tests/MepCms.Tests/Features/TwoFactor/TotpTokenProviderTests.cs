using System.Text;
using MepCms.Web.Features.TwoFactor;

namespace MepCms.Tests.Features.TwoFactor;

/// <summary>The app's own TOTP arithmetic against the published test vectors.</summary>
public sealed class TotpTokenProviderTests
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory] // RFC 6238 appendix B (SHA-1), the last six of its eight digits
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Codes_match_the_rfc_6238_test_vectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, TotpTokenProvider.Code(RfcSecret, unixSeconds / 30));

    [Theory] // RFC 4648 section 10
    [InlineData("MZXW6YTBOI======", "foobar")]
    [InlineData("mzxw6ytboi", "foobar")]
    [InlineData("MZXW6===", "foo")]
    public void Base32_keys_decode_whatever_their_case_and_padding(string text, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(Base32.Decode(text)!));

    [Fact]
    public void A_key_with_a_character_outside_base32_is_refused() => Assert.Null(Base32.Decode("MZXW1YTB"));
}
