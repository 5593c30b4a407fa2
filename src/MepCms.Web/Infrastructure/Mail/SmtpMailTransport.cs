using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MepCms.Web.Infrastructure.Mail;

/// <summary>
/// `Mail:Transport=Smtp` through MailKit: one connection (and one sign-in) per batch. A message the
/// server refuses with a 5xx is rejected for good; a 4xx, or a connection that fails, leaves it and
/// the rest of the batch to be tried again later.
/// </summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options, ILogger<SmtpMailTransport> logger) : IMailTransport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<MailResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var results = new List<MailResult>(messages.Count);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(client, cancellationToken);
            foreach (var message in messages)
            {
                results.Add(await SendOneAsync(client, message, cancellationToken));
            }
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The SMTP server {Host}:{Port} could not be used ({Error}); {Left} messages wait for the next attempt",
                options.Value.Smtp.Host, options.Value.Smtp.Port, e.GetType().Name, messages.Count - results.Count);
            while (results.Count < messages.Count)
            {
                results.Add(new MailResult(MailOutcome.RetryLater, e.GetType().Name));
            }
        }
        return results;
    }

    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 5000 };
        try
        {
            await ConnectAsync(client, cancellationToken);
            await client.NoOpAsync(cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return null;
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is SmtpCommandException)
        {
            return e.GetType().Name;
        }
    }

    private async Task<MailResult> SendOneAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(message, cancellationToken);
            return MailResult.Sent;
        }
        catch (SmtpCommandException e)
        {
            // MailKit resets the transaction after a refused command: the connection serves the next message.
            var code = (int)e.StatusCode;
            logger.LogWarning("The SMTP server refused message {MessageId}: {StatusCode} {ErrorCode}", message.MessageId, code, e.ErrorCode);
            return new MailResult(code >= 500 ? MailOutcome.Rejected : MailOutcome.RetryLater, $"{code} {e.ErrorCode}");
        }
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host ?? "", smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or AuthenticationException or SslHandshakeException or TimeoutException or OperationCanceledException;
}
