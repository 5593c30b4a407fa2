using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MepCms.Benchmarks;

/// <summary>The yardstick: a minimal Kestrel app answering every request with fixed bytes from memory.</summary>
internal static class Baseline
{
    public static async Task<WebApplication> StartAsync(byte[] html, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = html.Length;
            await context.Response.Body.WriteAsync(html);
        });
        await app.StartAsync();
        return app;
    }
}
