using System.IO.Compression;
using MepCms.Web.Features.Account;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MepCms.Tests.Support;

/// <summary>
/// The real app plus two test-only hooks, registered here and nowhere in the app: a sign-in
/// endpoint that issues the real Identity cookie through the app's own SignInManager, and a
/// filter that makes any page set a cookie when a request asks for it.
/// </summary>
public sealed class CachingFactory : MepCmsFactory
{
    public const string SignInPath = "/test-only/sign-in";
    public const string SetCookieHeader = "X-Test-Set-Cookie";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddTransient<IStartupFilter, SignInEndpoint>();
            services.Configure<MvcOptions>(o => o.Filters.Add(new SetCookieOnRequestFilter()));
            // The app's two encodings, each counting the responses it compresses.
            services.PostConfigure<ResponseCompressionOptions>(o =>
            {
                o.Providers.Clear();
                o.Providers.Add(new CountingCompression(new BrotliCompressionProvider(Options.Create(new BrotliCompressionProviderOptions { Level = CompressionLevel.Fastest })), this));
                o.Providers.Add(new CountingCompression(new GzipCompressionProvider(Options.Create(new GzipCompressionProviderOptions { Level = CompressionLevel.Fastest })), this));
            });
        });
    }

    private long _compressions;

    /// <summary>Responses compressed so far (a page sent from the cache as stored is not one).</summary>
    public long Compressions => Interlocked.Read(ref _compressions);

    private sealed class CountingCompression(ICompressionProvider inner, CachingFactory app) : ICompressionProvider
    {
        public string EncodingName => inner.EncodingName;
        public bool SupportsFlush => inner.SupportsFlush;

        public Stream CreateStream(Stream outputStream)
        {
            Interlocked.Increment(ref app._compressions);
            return inner.CreateStream(outputStream);
        }
    }

    /// <summary>A client holding the first admin's real authentication cookie.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync()
    {
        var client = CreateBrowserlessClient();
        var response = await client.PostAsync($"{SignInPath}?email={Uri.EscapeDataString(AdminEmail)}", null);
        response.EnsureSuccessStatusCode();
        return client;
    }

    private sealed class SignInEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would make the branch the cookie's path base.
            app.Use(async (http, nextMiddleware) =>
            {
                if (http.Request.Path != SignInPath)
                {
                    await nextMiddleware(http);
                    return;
                }
                var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
                var user = await users.FindByEmailAsync(http.Request.Query["email"].ToString());
                if (user is null)
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await http.RequestServices.GetRequiredService<SignInManager<AppUser>>().SignInAsync(user, isPersistent: false);
            });
            next(app);
        };
    }

    private sealed class SetCookieOnRequestFilter : IResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            if (context.HttpContext.Request.Headers.ContainsKey(SetCookieHeader))
            {
                context.HttpContext.Response.Cookies.Append("test-cookie", "1");
            }
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}
