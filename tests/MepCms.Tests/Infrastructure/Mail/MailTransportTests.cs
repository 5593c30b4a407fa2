using System.Net;
using System.Text.Json;
using MepCms.Tests.Support;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MepCms.Tests.Infrastructure.Mail;

/// <summary>The transports against a real SMTP server on 127.0.0.1 and a real folder; no mock of the sender.</summary>
public sealed class MailTransportTests : IAsyncLifetime
{
    private SmtpSink _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpSink.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private SmtpMailTransport Smtp() => new(Options.Create(new MailOptions
    {
        Transport = MailTransportKind.Smtp,
        From = "press@example.eu",
        Smtp = new SmtpSettings { Host = "127.0.0.1", Port = _smtp.Port, Security = SmtpSecurity.None },
    }), NullLogger<SmtpMailTransport>.Instance);

    private static MimeMessage Message(string to, string subject = "Statement")
    {
        var composer = new MailComposer(Options.Create(new MailOptions { From = "press@example.eu" }), Options.Create(new SiteOptions { PublicUrl = "https://press.example.eu" }));
        var message = composer.Create(to, subject);
        message.Body = new TextPart("plain") { Text = "Hello." };
        return message;
    }

    [Fact]
    public async Task A_batch_is_sent_over_one_connection_and_each_message_arrives()
    {
        var results = await Smtp().SendAsync([Message("a@example.org"), Message("b@example.org"), Message("c@example.org")], default);

        Assert.All(results, r => Assert.Equal(MailOutcome.Sent, r.Outcome));
        Assert.Single(_smtp.MessageSessions.Distinct());
        Assert.Equal(["a@example.org", "b@example.org", "c@example.org"], _smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());
    }

    [Fact]
    public async Task A_refused_mailbox_is_rejected_for_good_and_the_others_in_the_batch_still_go()
    {
        _smtp.Refused["gone@example.org"] = true;

        var results = await Smtp().SendAsync([Message("first@example.org"), Message("gone@example.org"), Message("last@example.org")], default);

        Assert.Equal([MailOutcome.Sent, MailOutcome.Rejected, MailOutcome.Sent], results.Select(r => r.Outcome));
        Assert.Single(_smtp.To("last@example.org"));
    }

    [Fact]
    public async Task With_the_server_down_every_message_waits_for_a_later_attempt()
    {
        await _smtp.StopAsync();

        var results = await Smtp().SendAsync([Message("a@example.org"), Message("b@example.org")], default);

        Assert.All(results, r => Assert.Equal(MailOutcome.RetryLater, r.Outcome));
        Assert.NotNull(await Smtp().ProbeAsync(default));
        await _smtp.StartAgainAsync();
        Assert.Null(await Smtp().ProbeAsync(default));
    }

    [Fact]
    public async Task The_pickup_transport_writes_each_message_as_a_whole_eml_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mepcms-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var results = await new PickupMailTransport(folder).SendAsync([Message("a@example.org", "Één bericht"), Message("b@example.org")], default);

            Assert.All(results, r => Assert.Equal(MailOutcome.Sent, r.Outcome));
            var files = Directory.GetFiles(folder);
            Assert.Equal(2, files.Length);
            Assert.All(files, f => Assert.EndsWith(".eml", f));
            var subjects = files.Select(f => MimeMessage.Load(f).Subject).Order();
            Assert.Contains("Één bericht", subjects);
        }
        finally
        {
            if (Directory.Exists(folder)) { Directory.Delete(folder, recursive: true); }
        }
    }

    [Fact]
    public void A_message_has_the_configured_sender_and_a_message_id_on_the_sites_domain()
    {
        var message = Message("a@example.org");

        Assert.Equal("press@example.eu", message.From.Mailboxes.Single().Address);
        Assert.EndsWith("@press.example.eu", message.MessageId);
    }
}

/// <summary>`Mail:*` is checked at start, and an SMTP server that does not answer makes /health degraded, not down.</summary>
public sealed class MailSettingsTests
{
    private sealed class MailApp(Dictionary<string, string?> mail) : MepCmsFactory
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            foreach (var (key, value) in mail)
            {
                settings[key] = value;
            }
        }
    }

    [Theory]
    [InlineData("Smtp", null, "press@example.eu", "Mail:Smtp:Host is required")]
    [InlineData("Smtp", "127.0.0.1", null, "Mail:From must be one plain e-mail address")]
    [InlineData("Pickup", null, "Press <press@example.eu>", "Mail:From must be one plain e-mail address")]
    [InlineData("Pickup", null, "press@example.eu\r\nBcc: all@example.org", "Mail:From must be one plain e-mail address")]
    public void Settings_that_cannot_send_stop_the_app_at_start_with_a_clear_message(string transport, string? host, string? from, string expected)
    {
        using var app = new MailApp(new() { ["Mail:Transport"] = transport, ["Mail:Smtp:Host"] = host, ["Mail:From"] = from });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(expected, error.ToString());
    }

    [Fact]
    public async Task An_smtp_server_that_does_not_answer_shows_in_health_as_degraded_and_the_site_stays_up()
    {
        var closed = new SmtpSink(); // a free port nobody listens on
        using var app = new MailApp(new()
        {
            ["Mail:Transport"] = "Smtp", ["Mail:From"] = "press@example.eu",
            ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:Port"] = closed.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Mail:Smtp:Security"] = "None",
        });

        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Degraded", json.RootElement.GetProperty("checks").GetProperty("mail").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }
}
