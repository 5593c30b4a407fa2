using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Account.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Security;

/// <summary>Catalogue rows A3 and A4: long passphrases welcome, common and over-long passwords refused with a message.</summary>
public sealed class PasswordTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task A3_a_64_character_passphrase_with_spaces_and_emoji_is_accepted()
    {
        var password = "my 🐘 walks slowly across the Parliament square on rainy Tuesdays!";
        Assert.True(password.Length >= 64);

        Assert.Empty(await ErrorsAsync(password));
    }

    [Fact]
    public async Task A3_a_ten_thousand_character_password_gets_a_message_not_an_exception()
    {
        var errors = await ErrorsAsync(new string('x', 9_990) + "Zq!8 wbne");

        Assert.Contains(errors, e => e.Code == "PasswordTooLong" && e.Description == "Use at most 128 characters.");
    }

    [Theory]
    [InlineData("password1234567")]
    [InlineData("PASSWORD1234567")]
    [InlineData("qwertyuiop123")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("iloveyou12345678")]
    [InlineData("123456789012")]
    [InlineData("!!qwerty2024")]
    public async Task A4_common_and_breached_passwords_are_refused(string password)
    {
        Assert.Contains(await ErrorsAsync(password), e => e.Code == "CommonPassword");
    }

    [Fact]
    public async Task A_password_built_on_the_accounts_own_email_name_is_refused()
    {
        Assert.Contains(await ErrorsAsync("maren.example is my password", "maren.example@press.eu"), e => e.Code == "PasswordContainsAccountName");
    }

    [Fact]
    public async Task Eleven_characters_are_too_few_and_no_composition_rules_apply()
    {
        Assert.Contains(await ErrorsAsync("abcdefghijk"), e => e.Code == "PasswordTooShort");
        Assert.Empty(await ErrorsAsync("plain lowercase words only"));
    }

    [Fact]
    public void The_shipped_list_holds_the_common_passwords_that_pass_the_length_rule()
    {
        Assert.True(CommonPasswordValidator.Passwords.Count > 50_000);
        Assert.Contains("1qaz2wsx3edc", CommonPasswordValidator.Passwords);
    }

    private async Task<IReadOnlyList<IdentityError>> ErrorsAsync(string password, string email = "someone@press.eu")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }
        return errors;
    }
}
