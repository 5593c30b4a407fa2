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

    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(client, cancellationToken);
            return new Session(this, client, null);
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            return new Session(this, null, Failed(e));
        }
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

    private string Failed(Exception e)
    {
        logger.LogWarning("The SMTP server {Host}:{Port} could not be used ({Error}); messages wait for the next attempt",
            options.Value.Smtp.Host, options.Value.Smtp.Port, e.GetType().Name);
        return e.GetType().Name;
    }

    private void Refused(MimeMessage message, int code, SmtpErrorCode error) =>
        logger.LogWarning("The SMTP server refused message {MessageId}: {StatusCode} {ErrorCode}", message.MessageId, code, error);

    private sealed class Session(SmtpMailTransport transport, SmtpClient? client, string? failure) : IMailSession
    {
        private string? _failure = failure;

        public async Task<MailResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (_failure is not null || client is null)
            {
                return new MailResult(MailOutcome.RetryLater, _failure);
            }
            try
            {
                await client.SendAsync(message, cancellationToken);
                return MailResult.Sent;
            }
            catch (SmtpCommandException e)
            {
                // MailKit resets the transaction after a refused command: the connection serves the next message.
                var code = (int)e.StatusCode;
                transport.Refused(message, code, e.ErrorCode);
                return new MailResult(code >= 500 ? MailOutcome.Rejected : MailOutcome.RetryLater, $"{code} {e.ErrorCode}");
            }
            catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                _failure = transport.Failed(e);
                return new MailResult(MailOutcome.RetryLater, _failure);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (client is null)
            {
                return;
            }
            try
            {
                if (_failure is null && client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                // Everything sent was accepted already; a QUIT that fails changes nothing.
            }
            client.Dispose();
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
