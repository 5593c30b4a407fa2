using System.ComponentModel.DataAnnotations;

namespace MepCms.Web.Features.TwoFactor;

/// <summary>Turning two-factor sign-in on: the first code the authenticator app shows.</summary>
public sealed class EnableTwoFactorForm
{
    [Required, StringLength(16), Display(Name = "Code from the app")]
    public string Code { get; set; } = "";
}

/// <summary>Changing a second factor that is on (new codes, reset, off) asks for the password again.</summary>
public sealed class ConfirmPasswordForm
{
    [Required, StringLength(1024), DataType(DataType.Password), Display(Name = "Your password")]
    public string CurrentPassword { get; set; } = "";
}

/// <summary>
/// The two-factor page: for enrolment the QR code (inline SVG) and the same key in groups of four
/// for typing; once on, how many recovery codes are left and whether turning it off is allowed.
/// </summary>
public sealed record TwoFactorViewModel(
    bool Enabled, string? QrCodeSvg, string? GroupedKey, int RecoveryCodesLeft, bool Required, string? Message);

/// <summary>Fresh recovery codes, shown in this one response and never again.</summary>
public sealed record RecoveryCodesViewModel(IReadOnlyList<string> Codes, bool JustEnabled);
