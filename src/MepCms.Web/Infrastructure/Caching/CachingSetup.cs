using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;

namespace MepCms.Web.Infrastructure.Caching;

/// <summary>The `PageCache` section: how much memory the page cache of an instance may hold.</summary>
public sealed class PageCacheOptions
{
    public const string Section = "PageCache";

    /// <summary>All cached pages of an instance together (in memory; Redis has its own maxmemory).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 16_384)]
    public long SizeLimitMegabytes { get; set; } = 100;

    /// <summary>A larger response is served but not cached (a statement page is tens of kilobytes).</summary>
    [System.ComponentModel.DataAnnotations.Range(16, 65_536)]
    public long MaximumPageKilobytes { get; set; } = 4096;
}

public static class CachingSetup
{
    /// <summary>Output caching of the anonymous public site, and compression of its text.</summary>
    public static IServiceCollection AddMepCmsCaching(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddSingleton<PublicPages>();
        services.AddSingleton<IPublicCache, OutputCachePublicCache>();
        // The store itself (memory, or shared in production) is registered with the web services.
        // The policy is a typed one: the output cache creates it on first use, so it may depend on
        // what depends on the store. Paths are case-sensitive in the cache key: /articles/My-Slug
        // is not an alias of /articles/my-slug.
        services.AddOptions<PageCacheOptions>().BindConfiguration(PageCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutputCacheOptions>().Configure<Microsoft.Extensions.Options.IOptions<PageCacheOptions>>((o, limits) =>
        {
            o.AddBasePolicy(policy => policy.AddPolicy<PublicPagesCachePolicy>(), excludeDefaultPolicy: true);
            o.UseCaseSensitivePaths = true;
            // Bounded, however many pages readers ask for: the least recently used go first (in memory).
            o.SizeLimit = limits.Value.SizeLimitMegabytes * 1024L * 1024;
            o.MaximumBodySize = limits.Value.MaximumPageKilobytes * 1024L;
        });

        services.AddResponseCompression(o =>
        {
            // Only anonymous public responses reach the compressor (see UseMepCmsCompression): they
            // hold no secret, so compressing them over HTTPS gives BREACH nothing to find.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/rss+xml", "image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// Compresses text for anonymous readers only; the back office and sign-in are never compressed.
    /// This outer compressor serves static files and responses the output cache does not hold; it
    /// leaves alone a response that is already encoded (a page from the cache).
    /// </summary>
    public static IApplicationBuilder UseMepCmsCompression(this IApplicationBuilder app)
    {
        app.UseCanonicalAcceptEncoding();
        return app.UseWhen(IsCompressible(app), branch => branch.UseResponseCompression());
    }

    /// <summary>
    /// Inside the output cache: a public page is compressed once per encoding and the cache keeps
    /// the compressed copy, so a cache hit is sent as stored (docs/decisions/0062).
    /// </summary>
    public static IApplicationBuilder UseMepCmsPageCompression(this IApplicationBuilder app) =>
        app.UseWhen(IsCompressible(app), branch => branch.UseResponseCompression());

    private static Func<HttpContext, bool> IsCompressible(IApplicationBuilder app)
    {
        var pages = app.ApplicationServices.GetRequiredService<PublicPages>();
        return http => !pages.IsPrivate(http.Request.Path) && !pages.HasAuthCookie(http.Request);
    }

    /// <summary>How a feature tells the cache about its pages (see <see cref="PublicPagesOptions"/>).</summary>
    public static IServiceCollection AddPublicPages(this IServiceCollection services, Action<PublicPagesOptions> configure) =>
        services.Configure(configure);
}
