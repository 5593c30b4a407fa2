using MepCms.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Infrastructure.ScaleOut;

/// <summary>The key ring lives in the database: a restart keeps cookies and form tokens valid.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly SharedDatabase _database = new();
    private readonly SharedDatabase _otherDatabase = new();

    [Fact]
    public async Task Sign_ins_form_tokens_and_protected_data_survive_a_restart_of_the_app()
    {
        KeyRing.FormToken token;
        string sealedText, signIn;
        await using (var before = new AppInstance(_database.File))
        {
            before.StartServer();
            token = KeyRing.IssueFormToken(before.Services);
            sealedText = Protector(before).Protect("still signed in");
            signIn = await KeyRing.SignInAsync(before.Services);
        }

        await using var after = new AppInstance(_database.File);
        after.StartServer();

        Assert.Equal(MepCmsFactory.AdminEmail, await KeyRing.SignedInAsAsync(after.Services, signIn));
        Assert.True(await KeyRing.AcceptsAsync(after.Services, token));
        Assert.Equal("still signed in", Protector(after).Unprotect(sealedText));
    }

    [Fact]
    public async Task An_app_with_another_key_ring_refuses_them()
    {
        await using var first = new AppInstance(_database.File);
        first.StartServer();
        var token = KeyRing.IssueFormToken(first.Services);
        var sealedText = Protector(first).Protect("still signed in");
        var signIn = await KeyRing.SignInAsync(first.Services);

        await using var stranger = new AppInstance(_otherDatabase.File);
        stranger.StartServer();

        Assert.Null(await KeyRing.SignedInAsAsync(stranger.Services, signIn));
        Assert.False(await KeyRing.AcceptsAsync(stranger.Services, token));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(stranger).Unprotect(sealedText));
    }

    [Fact]
    public async Task The_key_ring_is_stored_in_the_database()
    {
        await using var app = new AppInstance(_database.File);
        app.StartServer();
        Protector(app).Protect("anything");

        Assert.True(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.DataProtectionKeys)));
    }

    private static IDataProtector Protector(AppInstance app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("restart-test");

    public void Dispose()
    {
        _database.Dispose();
        _otherDatabase.Dispose();
    }
}
