using System.Collections.Concurrent;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace MepCms.Tests.Security;

/// <summary>
/// The real app plus endpoints that exist only in tests: a forced exception, a sign-in without a
/// login page, "who am I", a forbidden resource and an antiforgery-protected form. They are added by
/// this factory through an <see cref="IStartupFilter"/>; the app itself has none of them.
/// </summary>
public class SecurityTestApp : MepCmsFactory
{
    public LogCollector Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            services.AddSingleton<IStartupFilter, TestEndpoints>();
            services.AddControllersWithViews().AddApplicationPart(typeof(TestFormController).Assembly);
        });
    }

    /// <summary>A client that keeps cookies but does not follow redirects.</summary>
    public HttpClient CreateCookieClient(string baseAddress = "http://localhost") =>
        CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });

    public static async Task SignInAsync(HttpClient client, string email = AdminEmail)
    {
        var response = await client.PostAsync($"/test/sign-in?email={Uri.EscapeDataString(email)}", null);
        response.EnsureSuccessStatusCode();
    }

    public static async Task<string?> WhoAmIAsync(HttpClient client)
    {
        var response = await client.GetAsync("/test/whoami");
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
    }

    private sealed class TestEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/boom", b => b.Run(_ =>
                throw new InvalidOperationException("Boom: Server=db;Password=hunter2 SELECT * FROM AspNetUsers")));
            app.Map("/test/sign-in", b => b.Run(async context =>
            {
                var users = context.RequestServices.GetRequiredService<UserManager<AppUser>>();
                var user = await users.FindByEmailAsync(context.Request.Query["email"]!);
                if (await users.IsInRoleAsync(user!, Roles.Admin) && !user!.TwoFactorEnabled)
                {
                    await Staff.EnrolAsync(users, user); // admins must have it to reach the back office
                }
                await context.RequestServices.GetRequiredService<SignInManager<AppUser>>().SignInAsync(user!, isPersistent: false);
            }));
            app.Map("/test/whoami", b => b.Run(context =>
            {
                context.Response.StatusCode = context.User.Identity?.IsAuthenticated == true ? 200 : 401;
                return context.Response.WriteAsync(context.User.Identity?.Name ?? "");
            }));
            app.Map("/test/forbid", b => b.Run(context => context.ForbidAsync()));
            app.Map("/test/403", b => b.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }));
            app.Map("/test/token", b => b.Run(context =>
                context.Response.WriteAsync(context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!)));
        };
    }
}

/// <summary>A signed-in user's form, as the back office will have them.</summary>
public sealed class TestFormController : Controller
{
    [HttpPost("/test/form")]
    [ValidateAntiForgeryToken]
    public IActionResult Post() => Content("saved");
}

/// <summary>Every log event the app writes at Warning or above, for asserting on security events.</summary>
public sealed class LogCollector : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<string> EventNames => _events
        .Select(e => e.Properties.TryGetValue("EventId", out var id) && id is StructureValue s
            ? s.Properties.FirstOrDefault(p => p.Name == "Name")?.Value.ToString().Trim('"') ?? ""
            : "")
        .ToList();

    public IEnumerable<string> Messages => _events.Select(e => e.RenderMessage());

    public IEnumerable<Exception> Exceptions => _events.Select(e => e.Exception).OfType<Exception>();
}

public sealed class ProductionSecurityTestApp : SecurityTestApp
{
    protected override string EnvironmentName => "Production";
}
