using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MepCms.Web.Infrastructure.Web;

public static class ProtectedTokens
{
    /// <summary>Longer than any token the site hands out: anything longer is refused unread.</summary>
    public const int MaxLength = 1000;

    /// <summary>The payload of a token this protector made; null for anything else (empty, too long, forged, altered).</summary>
    public static string? TryUnprotect(this IDataProtector protector, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }
        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
