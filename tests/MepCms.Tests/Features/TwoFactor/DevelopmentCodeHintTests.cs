using System.Text.RegularExpressions;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.TwoFactor;

/// <summary>On <c>dotnet run</c> (Development) a newcomer enrols and signs in without a phone: the console shows the current code. Nowhere else.</summary>
public sealed partial class DevelopmentCodeHintTests
{
    [GeneratedRegex(@"Development only: the authenticator code for (?<account>\S+) is ""?(?<code>\d{6})")]
    private static partial Regex Hint();

    [Fact]
    public async Task In_Development_the_console_gives_the_code_that_enrols_and_signs_in()
    {
        await using var app = new DevelopmentFactory();
        var admin = await app.SignedInAsync(Roles.Editor);

        var page = Html.Parse(await admin.Client.GetStringAsync(TwoFactorSetup.ManagePath));
        Assert.NotNull(page.QuerySelector("[data-development-hint]"));
        var enrol = Hint().Matches(string.Join("\n", app.Lines)).Last();
        Assert.Equal(admin.Email, enrol.Groups["account"].Value.Trim('"'));
        var enabled = await admin.Client.PostFormAsync(TwoFactorSetup.ManagePath, TwoFactorSetup.ManagePath, new() { ["Code"] = enrol.Groups["code"].Value });
        Assert.Contains("recovery-codes", await enabled.Content.ReadAsStringAsync());
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));

        // Signing in again: the code step's page writes a fresh code (the next 30-second step).
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var login = await client.LoginAsync(admin.Email, admin.Password);
        Assert.EndsWith(AccountController.SecondStepPath, login.Headers.Location!.OriginalString.Split('?')[0]);
        var step = Html.Parse(await client.GetStringAsync(AccountController.SecondStepPath));
        Assert.NotNull(step.QuerySelector("[data-development-hint]"));
        var code = Hint().Matches(string.Join("\n", app.Lines)).Last().Groups["code"].Value;
        var signedIn = await client.SecondStepAsync(AccountController.SecondStepPath, code);
        Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task In_any_other_environment_no_code_is_written_and_the_page_says_nothing_of_it()
    {
        await using var app = new LogCapturingFactory();
        var editor = await app.SignedInAsync(Roles.Editor);

        var page = Html.Parse(await editor.Client.GetStringAsync(TwoFactorSetup.ManagePath));

        Assert.Null(page.QuerySelector("[data-development-hint]"));
        Assert.DoesNotContain(app.Lines, line => line.Contains("Development only", StringComparison.Ordinal));
    }

    private sealed class DevelopmentFactory : LogCapturingFactory
    {
        protected override string EnvironmentName => "Development";
    }
}
