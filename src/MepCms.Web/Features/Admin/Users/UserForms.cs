using System.ComponentModel.DataAnnotations;
using MepCms.Web.Features.Account;

namespace MepCms.Web.Features.Admin.Users;

public sealed class NewUserForm
{
    [Required(ErrorMessage = "Enter the e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address."), StringLength(Limits.Email)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the name shown in the back office."), StringLength(Limits.Name)]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose a role.")]
    public string Role { get; set; } = Roles.Contributor;

    [Required(ErrorMessage = "Enter an initial password."), StringLength(256)]
    public string Password { get; set; } = "";
}

public sealed class RoleForm
{
    [Required(ErrorMessage = "Choose a role.")]
    public string Role { get; set; } = "";
}

public sealed class PasswordResetForm
{
    [Required(ErrorMessage = "Enter the new password."), StringLength(256)]
    public string Password { get; set; } = "";
}

public sealed record UserRow(string Id, string Email, string DisplayName, string Role, bool IsLocked, bool TwoFactor);

public sealed record UserListViewModel(IReadOnlyList<UserRow> Users, NewUserForm Form, string? Flash);

public sealed record UserViewModel(UserRow User, bool IsSelf, string? Flash);
