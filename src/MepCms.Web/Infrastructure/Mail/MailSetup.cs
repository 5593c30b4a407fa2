using MepCms.Web.Infrastructure.Web;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MepCms.Web.Infrastructure.Mail;

public static class MailSetup
{
    /// <summary>
    /// The mail transport chosen by `Mail:Transport`, checked at start, and its health check; the
    /// sender that works through every feature's <see cref="IMailOutbox"/>.
    /// </summary>
    public static IServiceCollection AddMepCmsMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            return options.Transport switch
            {
                MailTransportKind.Smtp => ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp),
                MailTransportKind.Pickup => new PickupMailTransport(Path.GetFullPath(Path.Combine(
                    sp.GetRequiredService<IHostEnvironment>().ContentRootPath, options.PickupFolder))),
                _ => ActivatorUtilities.CreateInstance<NoMailTransport>(sp),
            };
        });
        services.AddSingleton<MailComposer>();
        services.AddSingleton<MailSignal>();
        services.AddSingleton<MailSender>();
        services.AddHostedService<MailSenderService>();
        services.AddSingleton<MailHealthCheck>();
        services.AddHealthChecks().AddCheck<MailHealthCheck>("mail", HealthStatus.Degraded);
        return services;
    }
}

/// <summary>
/// An SMTP server that does not answer makes the site degraded, not down: pages are served and
/// messages wait in the outbox. The answer is kept for a minute, so /health does not open a
/// connection per probe.
/// </summary>
internal sealed class MailHealthCheck(IMailTransport transport, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(1);
    private (DateTimeOffset At, string? Problem)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_last is not { } last || now - last.At >= Kept)
        {
            last = (now, await transport.ProbeAsync(cancellationToken));
            _last = last;
        }
        return last.Problem is null
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The mail server does not answer; messages wait in the outbox.");
    }
}

/// <summary>Starts every message the same way: the configured sender, a Message-ID on the site's domain.</summary>
public sealed class MailComposer(IOptions<MailOptions> mail, IOptions<SiteOptions> site)
{
    public MimeMessage Create(string to, string subject)
    {
        var options = mail.Value;
        var from = options.From ?? "no-reply@localhost";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName ?? site.Value.Name, from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(Domain(from));
        message.Date = DateTimeOffset.UtcNow;
        return message;
    }

    // The public site's host when it is known; otherwise the sender's domain.
    private string Domain(string from) =>
        Uri.TryCreate(site.Value.PublicUrl, UriKind.Absolute, out var url) ? url.IdnHost : from[(from.LastIndexOf('@') + 1)..];
}
