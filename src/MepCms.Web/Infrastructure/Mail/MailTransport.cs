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

/// <summary>Sends messages; a batch shares one connection where the transport has one.</summary>
public interface IMailTransport
{
    /// <summary>One result per message, in order. Never throws for a message's failure.</summary>
    Task<IReadOnlyList<MailResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);

    /// <summary>Whether the transport can send now (for /health): null when it has nothing to check.</summary>
    Task<string?> ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>`Mail:Transport=None`: nothing is sent; each message is logged (without its text) and counted as done.</summary>
internal sealed class NoMailTransport(ILogger<NoMailTransport> logger) : IMailTransport
{
    public Task<IReadOnlyList<MailResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            logger.LogInformation("Mail:Transport is None: message {MessageId} was not sent", message.MessageId);
        }
        return Task.FromResult<IReadOnlyList<MailResult>>([.. messages.Select(_ => MailResult.Sent)]);
    }

    public Task<string?> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// `Mail:Transport=Pickup`: each message is written as a .eml file (written under a temporary name,
/// then renamed, so a reader of the folder never sees half a message).
/// </summary>
internal sealed class PickupMailTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public async Task<IReadOnlyList<MailResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var results = new List<MailResult>(messages.Count);
        foreach (var message in messages)
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
                results.Add(MailResult.Sent);
            }
            catch (IOException e)
            {
                File.Delete(temporary);
                results.Add(new MailResult(MailOutcome.RetryLater, e.Message));
            }
        }
        return results;
    }

    public Task<string?> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
