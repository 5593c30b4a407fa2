using MimeKit;

namespace MepCms.Web.Infrastructure.Mail;

/// <summary>What became of one message handed to a transport.</summary>
public enum MailOutcome
{
    /// <summary>Accepted by the server (or written to the pickup folder, or dropped by `None`).</summary>
    Sent,
    /// <summary>Not sent this time (server unreachable, 4xx): try again later.</summary>
    RetryLater,
    /// <summary>Refused for good (5xx, e.g. no such mailbox): do not try again.</summary>
    Rejected,
}

public sealed record MailResult(MailOutcome Outcome, string? Reason = null)
{
    public static readonly MailResult Sent = new(MailOutcome.Sent);
}

/// <summary>Sends messages. A session shares one connection (and one sign-in) among its messages.</summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Whether the transport can send now (for /health): null, or what is wrong.</summary>
    Task<string?> ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Messages sent one at a time over one connection, so the caller can record each outcome before
/// the next message goes. Never throws for a message's failure: a connection that fails makes this
/// and every later message of the session <see cref="MailOutcome.RetryLater"/>.
/// </summary>
public interface IMailSession : IAsyncDisposable
{
    Task<MailResult> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public static class MailTransports
{
    /// <summary>Sends a batch over one session; one result per message, in order.</summary>
    public static async Task<IReadOnlyList<MailResult>> SendAsync(this IMailTransport transport, IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var results = new List<MailResult>(messages.Count);
        await using var session = await transport.OpenAsync(cancellationToken);
        foreach (var message in messages)
        {
            results.Add(await session.SendAsync(message, cancellationToken));
        }
        return results;
    }
}

/// <summary>`Mail:Transport=None`: nothing is sent; each message is logged (without its text) and counted as done.</summary>
internal sealed class NoMailTransport(ILogger<NoMailTransport> logger) : IMailTransport, IMailSession
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IMailSession>(this);

    public Task<MailResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Mail:Transport is None: message {MessageId} was not sent", message.MessageId);
        return Task.FromResult(MailResult.Sent);
    }

    public Task<string?> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// `Mail:Transport=Pickup`: each message is written as a .eml file (written under a temporary name,
/// then renamed, so a reader of the folder never sees half a message).
/// </summary>
internal sealed class PickupMailTransport(string folder) : IMailTransport, IMailSession
{
    public string Folder { get; } = folder;

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailSession>(this);
    }

    public async Task<MailResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Folder, name + ".tmp");
        try
        {
            await using (var file = File.Create(temporary))
            {
                await message.WriteToAsync(file, cancellationToken);
            }
            File.Move(temporary, Path.Combine(Folder, name + ".eml"));
            return MailResult.Sent;
        }
        catch (IOException e)
        {
            File.Delete(temporary);
            return new MailResult(MailOutcome.RetryLater, e.Message);
        }
    }

    public Task<string?> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
