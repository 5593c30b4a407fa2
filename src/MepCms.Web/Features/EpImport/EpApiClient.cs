using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace MepCms.Web.Features.EpImport;

/// <summary>
/// The European Parliament's open data API (v2) as an <see cref="IEpSource"/>: the same answers
/// <see cref="EpDirectory"/> reads from files, asked for over HTTP through a paced, retrying client
/// (registered by <see cref="EpImportHttpSetup.AddEpImportHttp"/>).
/// </summary>
public sealed partial class EpApiClient(HttpClient http, IOptions<EpImportOptions> options) : IEpSource
{
    public const string JsonLd = "application/ld+json";

    /// <summary>The API serves several formats and wants the one asked for named in the query.</summary>
    private const string Format = "format=application%2Fld%2Bjson";

    private const string EpPhotoHost = "www.europarl.europa.eu";

    /// <summary>The EP's identifiers are short and plain; anything else never reaches a URL.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex SafeId();

    private EpImportOptions Options => options.Value;

    public string Name => http.BaseAddress?.Host ?? Options.BaseAddress.Host;

    /// <summary>Every page of <c>meps/show-current</c>, until a page holds fewer MEPs than asked for.</summary>
    public async Task<IReadOnlyList<EpRosterEntry>> RosterAsync(CancellationToken cancellationToken)
    {
        var size = Options.PageSize;
        var roster = new List<EpRosterEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += size)
        {
            var page = EpJsonLd.ParseRoster(await GetJsonAsync("meps/show-current", $"&offset={offset}&limit={size}", cancellationToken));
            var before = roster.Count;
            roster.AddRange(page.Where(entry => seen.Add(entry.EpId)));
            if (page.Count < size) return roster;
            // A server that ignores the offset would page forever: a page with nothing new stops the reading as an error.
            if (roster.Count == before) throw new EpFormatException($"{Name} repeated the roster at offset {offset}; it was not read to the end.");
        }
    }

    public async Task<EpMep> MepAsync(string id, ICollection<string> warnings, CancellationToken cancellationToken) =>
        EpJsonLd.ParseMep(await GetJsonAsync($"meps/{Checked(id)}", "", cancellationToken), warnings);

    public async Task<EpBody> BodyAsync(string id, CancellationToken cancellationToken) =>
        EpJsonLd.ParseBody(await GetJsonAsync($"corporate-bodies/{Checked(id)}", "", cancellationToken));

    /// <summary>
    /// The photo at the MEP's <c>img</c> address, only on the EP's host (or one of <see cref="EpImportOptions.PhotoHosts"/>):
    /// the address comes from data, and the server must not be sent anywhere that data chooses.
    /// </summary>
    public async Task<EpPhoto?> PhotoAsync(EpMep mep, string? knownETag, CancellationToken cancellationToken)
    {
        if (!IsEpPhoto(mep.PhotoUrl, out var url)) return null;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("image/*");
        if (!string.IsNullOrWhiteSpace(knownETag)) request.Headers.TryAddWithoutValidation("If-None-Match", knownETag);
        var path = url.AbsolutePath.TrimStart('/');
        using var response = await SendAsync(request, path, Options.MaxPhotoBytes, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified) return EpPhoto.Unchanged;
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone) return null;
        Ensure(response, path, request);
        return new EpPhoto(await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Headers.ETag?.ToString(), false);
    }

    private bool IsEpPhoto(string? address, out Uri url)
    {
        url = null!;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp) return false;
        if (!string.IsNullOrEmpty(parsed.UserInfo)) return false;
        var allowed = parsed.IdnHost.Equals(EpPhotoHost, StringComparison.OrdinalIgnoreCase)
            || Options.PhotoHosts.Any(h => parsed.IdnHost.Equals(h.Trim(), StringComparison.OrdinalIgnoreCase));
        url = parsed;
        return allowed;
    }

    private async Task<byte[]> GetJsonAsync(string path, string query, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?{Format}{query}");
        using var response = await SendAsync(request, path, Options.MaxResponseBytes, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            throw new EpFormatException($"{Name} has no {path} ({(int)response.StatusCode}).");
        Ensure(response, path, request);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Sends through the pipeline and turns what is left after the retries into the source's two failures.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string path, long limit, CancellationToken cancellationToken)
    {
        var attempts = new EpAttempts(path, limit);
        request.Options.Set(EpAttemptHandler.Key, attempts);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            throw new EpUnavailableException($"{Name} did not answer {path} in time ({Attempts(attempts.Count)}).", e);
        }
        catch (HttpRequestException e)
        {
            throw new EpUnavailableException($"{Name} could not be reached for {path} after {Attempts(attempts.Count)} ({e.Message}).", e);
        }
    }

    private void Ensure(HttpResponseMessage response, string path, HttpRequestMessage request)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        // What the retries handle and still failed means the EP is not serving; any other answer is about this item.
        if (status is 408 or 429 or >= 500)
        {
            request.Options.TryGetValue(EpAttemptHandler.Key, out var attempts);
            throw new EpUnavailableException($"{Name} answered {status} to {path} after {Attempts(attempts?.Count ?? 1)}.");
        }
        throw new EpFormatException($"{Name} answered {status} to {path}.");
    }

    private static string Attempts(int count) => count == 1 ? "1 attempt" : $"{count} attempts";

    private static string Checked(string id) =>
        SafeId().IsMatch(id) ? id : throw new EpFormatException($"'{id}' is not an EP identifier.");
}
