using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Admin;

public sealed class UserAdminTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private async Task<IList<string>> RolesOfAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(id))!);
    }

    private Task<bool> AuditedAsync(string action, string id) =>
        app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == action && e.EntityId == id));

    [Fact]
    public async Task An_admin_creates_an_editor_who_can_then_sign_in()
    {
        var admin = await app.SignedInAsync(Roles.Admin);

        var response = await admin.Client.PostFormAsync("/admin/users", "/admin/users/new", new()
        {
            ["Email"] = "new.editor@test.local", ["DisplayName"] = "New Editor", ["Role"] = Roles.Editor, ["Password"] = "a fresh and long passphrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "new.editor@test.local").Select(u => u.Id).SingleAsync());
        Assert.Equal([Roles.Editor], await RolesOfAsync(id));
        Assert.True(await AuditedAsync("User.Created", id));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().LoginAsync("new.editor@test.local", "a fresh and long passphrase")).StatusCode);
        Assert.Contains("new.editor@test.local", await admin.Client.GetStringAsync("/admin/users"));
    }

    [Theory]
    [InlineData("123456789012", "common")]
    [InlineData("short", "at least")]
    public async Task A_weak_initial_password_is_refused_with_identitys_message_and_no_user_is_stored(string password, string message)
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var email = $"{TestData.Unique("weak")}@test.local";

        var response = await admin.Client.PostFormAsync("/admin/users", "/admin/users/new", new()
        {
            ["Email"] = email, ["DisplayName"] = "Weak", ["Role"] = Roles.Contributor, ["Password"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task An_admin_changes_a_role_and_the_change_is_audited()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var (id, _) = await app.CreateUserAsync(Roles.Contributor);

        var response = await admin.Client.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/role", new() { ["Role"] = Roles.Editor });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([Roles.Editor], await RolesOfAsync(id));
        Assert.True(await AuditedAsync("User.RoleChanged", id));
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_until_unlocked()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var (id, email) = await app.CreateUserAsync(Roles.Editor);

        var locked = await admin.Client.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/lock", []);
        var whileLocked = await app.CreateBrowserlessClient().LoginAsync(email, Staff.Password);
        var unlocked = await admin.Client.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/unlock", []);
        var afterUnlock = await app.CreateBrowserlessClient().LoginAsync(email, Staff.Password);

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, whileLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterUnlock.StatusCode);
        Assert.True(await AuditedAsync("User.Locked", id));
        Assert.True(await AuditedAsync("User.Unlocked", id));
    }

    [Fact]
    public async Task Locking_ends_the_users_open_session_at_the_next_stamp_check()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var editor = await app.SignedInAsync(Roles.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/admin")).StatusCode);

        await admin.Client.PostFormAsync($"/admin/users/{editor.Id}", $"/admin/users/{editor.Id}/lock", []);
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        var after = await editor.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_a_common_one_is_refused()
    {
        var admin = await app.SignedInAsync(Roles.Admin);
        var (id, email) = await app.CreateUserAsync(Roles.Contributor);

        var common = await admin.Client.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/password", new() { ["Password"] = "password1234567" });
        var reset = await admin.Client.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/password", new() { ["Password"] = "another long passphrase here" });

        Assert.Equal(HttpStatusCode.Conflict, common.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().LoginAsync(email, Staff.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().LoginAsync(email, "another long passphrase here")).StatusCode);
        Assert.True(await AuditedAsync("User.PasswordReset", id));
    }

    [Fact]
    public async Task An_admin_can_neither_demote_nor_lock_themselves()
    {
        var admin = await app.SignedInAsync(Roles.Admin);

        var demote = await admin.Client.PostFormAsync($"/admin/users/{admin.Id}", $"/admin/users/{admin.Id}/role", new() { ["Role"] = Roles.Editor });
        var lockSelf = await admin.Client.PostFormAsync($"/admin/users/{admin.Id}", $"/admin/users/{admin.Id}/lock", []);

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Contains("You cannot lock yourself or give up your own admin role", await demote.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, lockSelf.StatusCode);
        Assert.Equal([Roles.Admin], await RolesOfAsync(admin.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().LoginAsync(admin.Email, admin.Password)).StatusCode);
    }
}

/// <summary>Its own app: the rule needs every other admin gone.</summary>
public sealed class LastAdminTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_or_locked()
    {
        var actor = await app.SignedInAsync(Roles.Admin);
        var (lastId, _) = await app.CreateUserAsync(Roles.Admin);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            // The seeded admin is locked and the actor loses the role; the actor's cookie still says Admin for now.
            var seeded = (await users.FindByEmailAsync(MepCmsFactory.AdminEmail))!;
            await users.SetLockoutEndDateAsync(seeded, DateTimeOffset.MaxValue);
            await users.RemoveFromRoleAsync((await users.FindByIdAsync(actor.Id))!, Roles.Admin);
        }

        var demote = await actor.Client.PostFormAsync($"/admin/users/{lastId}", $"/admin/users/{lastId}/role", new() { ["Role"] = Roles.Editor });
        var lockIt = await actor.Client.PostFormAsync($"/admin/users/{lastId}", $"/admin/users/{lastId}/lock", []);

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Contains("This is the last active admin", await demote.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, lockIt.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == lastId).Select(u => u.LockoutEnd == null).SingleAsync()));
    }
}
