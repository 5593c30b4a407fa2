using MepCms.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MepCms.Tests.Infrastructure.Caching;

/// <summary>The page cache is bounded: its size and the largest page it keeps come from settings.</summary>
public sealed class PageCacheLimitTests
{
    private sealed class LimitedFactory(Dictionary<string, string?> settings) : MepCmsFactory
    {
        protected override void Configure(IDictionary<string, string?> configuration)
        {
            foreach (var (key, value) in settings)
            {
                configuration[key] = value;
            }
        }
    }

    [Fact]
    public void The_page_cache_holds_100_MB_at_most_unless_told_otherwise()
    {
        using var standard = new LimitedFactory([]);
        using var small = new LimitedFactory(new() { ["PageCache:SizeLimitMegabytes"] = "8", ["PageCache:MaximumPageKilobytes"] = "256" });

        var (defaults, limited) = (Options(standard), Options(small));

        Assert.Equal((100L * 1024 * 1024, 4096L * 1024), (defaults.SizeLimit, defaults.MaximumBodySize));
        Assert.Equal((8L * 1024 * 1024, 256L * 1024), (limited.SizeLimit, limited.MaximumBodySize));
    }

    [Fact]
    public void A_limit_of_nothing_stops_the_start_with_the_reason()
    {
        using var broken = new LimitedFactory(new() { ["PageCache:SizeLimitMegabytes"] = "0" });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => broken.Services);

        Assert.Contains("SizeLimitMegabytes", error.Message);
    }

    private static OutputCacheOptions Options(MepCmsFactory app) => app.Services.GetRequiredService<IOptions<OutputCacheOptions>>().Value;
}
