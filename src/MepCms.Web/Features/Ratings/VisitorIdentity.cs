using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MepCms.Web.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Ratings;

/// <summary>
/// The reader behind a rating: a random 128-bit id in a first-party cookie, set only when the
/// reader rates, and stored only as HMAC-SHA256(key, id) so the database cannot be linked back to
/// a browser without the key. Never an IP address.
/// </summary>
public sealed class VisitorIdentity(IOptions<RatingOptions> options, IHostEnvironment environment, SharedSecrets secrets, ILogger<VisitorIdentity> logger)
{
    /// <summary>The name of the key in the database's shared secrets.</summary>
    public const string KeyName = "Ratings.VisitorHashKey";

    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);
    // Not cached when loading fails (the database did not answer): the next rating tries again.
    private readonly Lazy<byte[]> _key = new(() => LoadKey(options.Value, environment, secrets, logger), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>Reads the key (or makes it) now; otherwise the first rating does.</summary>
    public void EnsureKey() => _ = _key.Value;

    /// <summary>The id in the request's visitor cookie, when there is a well-formed one.</summary>
    public string? ReadId(HttpRequest request) =>
        request.Cookies[options.Value.CookieName] is { } id && IsWellFormed(id) ? id : null;

    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string id) =>
        id.Length == 22 && Base64Url.IsValid(id, out var decodedLength) && decodedLength == 16;

    /// <summary>Lower-case hex HMAC-SHA256 of the id: what the Ratings table stores.</summary>
    public string Hash(string id) => Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.ASCII.GetBytes(id)));

    public void IssueCookie(HttpResponse response, string id) =>
        response.Cookies.Append(options.Value.CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = CookieLifetime,
            Path = "/",
            IsEssential = true,
        });

    // A configured key wins. Otherwise the key is the database's (decision 0283): stored once,
    // encrypted, shared by every instance; a key file an older version generated is moved there,
    // so readers who rated before are still recognised.
    private static byte[] LoadKey(RatingOptions options, IHostEnvironment environment, SharedSecrets secrets, ILogger logger)
    {
        if (options.VisitorHashKeyBytes() is { Length: >= 32 } configured)
        {
            return configured;
        }
        var file = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.VisitorHashKeyFile));
        var (key, stored) = secrets.GetOrCreate(KeyName, () => File.Exists(file) ? ReadFile(file) : null);
        if (stored && File.Exists(file))
        {
            // Worth an operator's eye once: the file may go (and out of backups of the content root).
            logger.LogWarning("Moved the visitor hash key from {KeyFile} into the database; the file is no longer read and may be deleted", file);
        }
        else if (stored)
        {
            logger.LogInformation("Generated the visitor hash key and stored it in the database");
        }
        return key;
    }

    private static byte[] ReadFile(string file)
    {
        var key = Convert.FromBase64String(File.ReadAllText(file).Trim());
        return key.Length >= 32 ? key : throw new InvalidOperationException($"The visitor hash key in {file} is shorter than 32 bytes.");
    }
}
