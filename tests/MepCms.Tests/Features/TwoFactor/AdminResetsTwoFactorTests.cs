using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.TwoFactor;

/// <summary>Someone who lost both phone and recovery codes gets back in through an admin.</summary>
public sealed class AdminResetsTwoFactorTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task An_admin_resets_an_editors_two_factor_so_the_password_alone_signs_in_again()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var (id, email, _) = await app.EnrolledAsync(Roles.Editor);
        var userPage = Html.Parse(await admin.Client.GetStringAsync($"/admin/users/{id}"));

        var reset = await admin.Client.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/two-factor/reset", []);
        var signIn = await app.CreateBrowserlessClient().LoginAsync(email, Staff.Password);

        Assert.Contains("Two-factor sign-in on", userPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/admin", signIn.Headers.Location!.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).FirstAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "User.TwoFactorReset" && e.EntityId == id)));
    }

    [Fact]
    public async Task An_admin_whose_two_factor_was_reset_must_set_it_up_again_at_the_next_sign_in()
    {
        var actor = await app.SignedInAsync(Roles.Admin);
        var other = await app.SignedInAsync(Roles.Admin);

        await actor.Client.PostFormAsync($"/admin/users/{other.Id}", $"/admin/users/{other.Id}/two-factor/reset", []);
        var client = app.CreateBrowserlessClient();
        var signIn = await client.LoginAsync(other.Email, Staff.Password);
        var backOffice = await client.GetAsync("/admin");

        Assert.Equal("/admin", signIn.Headers.Location!.OriginalString);
        Assert.Equal(TwoFactorSetup.ManagePath, backOffice.Headers.Location!.OriginalString);
    }
}
