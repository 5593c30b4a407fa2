using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MepCms.Tests.Infrastructure.ScaleOut;

/// <summary>Two instances on two Kestrel ports sharing one SQLite file and, when installed, one Redis.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();
    public SharedDatabase Database { get; } = new();
    public AppInstance A { get; private set; } = null!;
    public AppInstance B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = Redis.Configuration };
        // One after the other, as compose starts them after the migrate step: the first migrates.
        A = new AppInstance(Database.File, settings);
        A.StartServer();
        B = new AppInstance(Database.File, settings);
        B.StartServer();
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        Database.Dispose();
    }
}

/// <summary>What one instance's key ring produces and another checks.</summary>
public static class KeyRing
{
    public sealed record FormToken(string Cookie, string RequestToken);

    public static FormToken IssueFormToken(IServiceProvider services)
    {
        var antiforgery = services.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(new DefaultHttpContext { RequestServices = services });
        return new FormToken(tokens.CookieToken!, tokens.RequestToken!);
    }

    /// <summary>A POST carrying the cookie and the form field, checked the way MVC checks a form.</summary>
    public static async Task<bool> AcceptsAsync(IServiceProvider services, FormToken token)
    {
        await using var scope = services.CreateAsyncScope();
        var options = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Headers.Cookie = $"{options.Cookie.Name}={token.Cookie}";
        context.Request.Headers[options.HeaderName!] = token.RequestToken;
        return await services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }

    /// <summary>Signs the first admin in on this instance; returns the sign-in cookie it would send.</summary>
    public static async Task<string> SignInAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(MepCmsFactory.AdminEmail) ?? throw new InvalidOperationException("no admin");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        await context.SignInAsync(IdentityConstants.ApplicationScheme, principal);
        return context.Response.Headers.SetCookie.ToString().Split(';')[0];
    }

    /// <summary>Who this instance takes the sender of the cookie for; null when it refuses the cookie.</summary>
    public static async Task<string?> SignedInAsAsync(IServiceProvider services, string cookie)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Cookie = cookie;
        var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return result.Succeeded ? result.Principal.Identity?.Name : null;
    }

    public static async Task<int> AuditCountAsync(this MepCmsFactory app, string action, int articleId) =>
        await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action && e.EntityId == articleId.ToString()));

    public static async Task<DateTime?> WentLiveAtAsync(this MepCmsFactory app, int articleId) =>
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).Select(a => a.WentLiveAt).SingleAsync());

    /// <summary>Polls (real time) until the condition holds or 15 s pass.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
