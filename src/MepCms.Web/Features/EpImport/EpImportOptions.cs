using System.ComponentModel.DataAnnotations;

namespace MepCms.Web.Features.EpImport;

/// <summary>The <c>EpImport</c> section: how the import talks to the European Parliament's open data API.</summary>
public sealed class EpImportOptions
{
    public const string Section = "EpImport";

    /// <summary>
    /// Whether this installation reaches the EP's API (search the roster, import online, the daily run);
    /// false on a machine without internet access, which imports from saved files only.
    /// </summary>
    public bool Online { get; set; } = true;

    /// <summary>The API's root; every path (<c>meps/…</c>, <c>corporate-bodies/…</c>) is relative to it.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("https://data.europarl.europa.eu/api/v2/");

    /// <summary>Retries after the first attempt, for 408, 429, 5xx, a broken connection or an attempt that timed out.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 4;

    /// <summary>The first backoff when the EP gives no Retry-After; it doubles with each retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait a Retry-After header can impose; a longer one is cut to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The shortest time between two requests of this process, retries included (1.5 requests a second by default):
    /// the EP asks its open data users to keep their load low.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(667);

    /// <summary>One attempt, body included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request with all its retries and waits.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>MEPs per page of <c>meps/show-current</c>.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>The largest JSON-LD answer read; a bigger one is an error for that answer.</summary>
    [Range(1, long.MaxValue)]
    public long MaxResponseBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The largest photo read.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPhotoBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// Hosts besides www.europarl.europa.eu that photos may be fetched from. An MEP's photo address comes from
    /// the EP's data, so it is never followed to any other host (no request to an address the data chose).
    /// </summary>
    public List<string> PhotoHosts { get; set; } = [];
}
