using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MepCms.Web.Features.Ratings;

/// <summary>
/// The reader behind a rating: a random 128-bit id in a first-party cookie, set only when the
/// reader rates, and stored only as HMAC-SHA256(key, id) so the database cannot be linked back to
/// a browser without the key. Never an IP address.
/// </summary>
public sealed class VisitorIdentity(IOptions<RatingOptions> options, IHostEnvironment environment, ILogger<VisitorIdentity> logger)
{
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);
    private readonly Lazy<byte[]> _key = new(() => LoadKey(options.Value, environment, logger));

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

    // A configured key wins (required when several instances serve the site, unless they share the
    // key file). Otherwise a random key is made once and kept beside the data, readable by the app only.
    private static byte[] LoadKey(RatingOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (options.VisitorHashKeyBytes() is { Length: >= 32 } configured)
        {
            return configured;
        }
        var file = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.VisitorHashKeyFile));
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var stream = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                stream.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var writer = new StreamWriter(file, Encoding.ASCII, stream);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                logger.LogWarning("Ratings:VisitorHashKey is not set; generated a visitor hash key in {KeyFile}", file);
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another instance sharing the folder made it first: use theirs.
            }
        }
        var key = Convert.FromBase64String(File.ReadAllText(file).Trim());
        return key.Length >= 32 ? key : throw new InvalidOperationException($"The visitor hash key in {file} is shorter than 32 bytes.");
    }
}
