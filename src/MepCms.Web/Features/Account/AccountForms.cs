using System.ComponentModel.DataAnnotations;

namespace MepCms.Web.Features.Account;

public sealed class LoginForm
{
    [Required, EmailAddress, StringLength(Limits.Email), Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required, StringLength(1024), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordForm
{
    [Required, StringLength(1024), DataType(DataType.Password), Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required, StringLength(1024, MinimumLength = AccountSetup.MinimumPasswordLength), DataType(DataType.Password), Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required, Compare(nameof(NewPassword)), DataType(DataType.Password), Display(Name = "New password again")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>The second sign-in step: a code of the authenticator app, or a recovery code.</summary>
public sealed class SecondStepForm
{
    [Required, StringLength(32), Display(Name = "Code")]
    public string Code { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed record LoginViewModel(LoginForm Form, string? Failure);

public sealed record ChangePasswordViewModel(ChangePasswordForm Form, bool Changed);

public sealed record SecondStepViewModel(SecondStepForm Form, bool Recovery, string? Failure);
