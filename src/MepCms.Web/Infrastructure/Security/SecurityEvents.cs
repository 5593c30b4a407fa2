namespace MepCms.Web.Infrastructure.Security;

/// <summary>
/// The security events of MepCms, each with a stable id and name so that log queries and alerts can
/// find them: <c>logger.SignInFailed("unknown", "wrong e-mail or password")</c>. Paths only, never query strings (they
/// can carry preview tokens), never passwords, tokens or raw IP addresses.
/// </summary>
public static partial class SecurityEvents
{
    [LoggerMessage(EventId = 9001, EventName = "Security.SignInFailed", Level = LogLevel.Warning,
        Message = "Sign-in failed for user {UserId}: {Reason}")]
    public static partial void SignInFailed(this ILogger logger, string userId, string reason);

    [LoggerMessage(EventId = 9002, EventName = "Security.LockedOut", Level = LogLevel.Warning,
        Message = "Account {UserId} is locked out after repeated failed sign-ins")]
    public static partial void LockedOut(this ILogger logger, string userId);

    [LoggerMessage(EventId = 9003, EventName = "Security.AntiforgeryRejected", Level = LogLevel.Warning,
        Message = "Antiforgery validation rejected {RequestMethod} {RequestPath}")]
    public static partial void AntiforgeryRejected(this ILogger logger, string requestMethod, string requestPath);

    [LoggerMessage(EventId = 9004, EventName = "Security.CrossSiteRatingRefused", Level = LogLevel.Warning,
        Message = "Cross-site rating refused on {RequestPath} from origin {Origin}")]
    public static partial void CrossSiteRatingRefused(this ILogger logger, string requestPath, string? origin);

    [LoggerMessage(EventId = 9005, EventName = "Security.RateLimited", Level = LogLevel.Warning,
        Message = "Rate limit {Policy} refused {RequestMethod} {RequestPath}")]
    public static partial void RateLimited(this ILogger logger, string policy, string requestMethod, string requestPath);

    [LoggerMessage(EventId = 9006, EventName = "Security.AccessDenied", Level = LogLevel.Warning,
        Message = "Access denied (403) to {RequestMethod} {RequestPath} for user {UserId}")]
    public static partial void AccessDenied(this ILogger logger, string requestMethod, string requestPath, string? userId);

    [LoggerMessage(EventId = 9007, EventName = "Security.SessionExpired", Level = LogLevel.Information,
        Message = "Session of user {UserId} ended: signed in longer ago than the absolute session lifetime")]
    public static partial void SessionExpired(this ILogger logger, string? userId);

    [LoggerMessage(EventId = 9008, EventName = "Security.RecoveryCodeUsed", Level = LogLevel.Warning,
        Message = "User {UserId} signed in with a recovery code; {RecoveryCodesLeft} left")]
    public static partial void RecoveryCodeUsed(this ILogger logger, string userId, int recoveryCodesLeft);

    [LoggerMessage(EventId = 9009, EventName = "Security.TwoFactorChanged", Level = LogLevel.Warning,
        Message = "User {UserId} changed their two-factor sign-in: {Change}")]
    public static partial void TwoFactorChanged(this ILogger logger, string userId, string change);
}
