using System.Globalization;
using System.Text.RegularExpressions;
using MepCms.Tests.Support;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Features.Articles.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MepCms.Tests.Features.Alerts;

/// <summary>The app sending its mail to a real SMTP server on 127.0.0.1 that the test reads.</summary>
public sealed partial class AlertsFactory : MepCmsFactory, IAsyncLifetime
{
    public SmtpSink Smtp { get; private set; } = null!;

    public async Task InitializeAsync() => Smtp = await SmtpSink.StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await Smtp.DisposeAsync();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Mail:Transport"] = "Smtp";
        settings["Mail:From"] = "press@example.eu";
        settings["Mail:Smtp:Host"] = "127.0.0.1";
        settings["Mail:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
        settings["Mail:Smtp:Security"] = "None";
        settings["Alerts:SignUpsPerClient"] = "100000"; // every test client shares one (missing) address
    }

    /// <summary>Signs up as a browser on the site would (same-origin form POST).</summary>
    public Task<HttpResponseMessage> SignUpAsync(string email, params (string Field, string Value)[] choices) => SignUpAtAsync("/subscribe", email, choices);

    /// <summary>Signs up on the sign-up page at <paramref name="path"/> (`/nl/subscribe`: the Dutch one).</summary>
    public async Task<HttpResponseMessage> SignUpAtAsync(string path, string email, params (string Field, string Value)[] choices)
    {
        using var client = CreateBrowserlessClient();
        var fields = new List<KeyValuePair<string, string>> { new("Email", email), new("Consent", "true") };
        fields.AddRange(choices.Select(c => new KeyValuePair<string, string>(c.Field, c.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", "http://localhost");
        return await client.SendAsync(request);
    }

    /// <summary>Signs up, confirms through the link of the message received, and returns the subscriber's id.</summary>
    public async Task<int> SubscribeAsync(string email, params (string Field, string Value)[] choices)
    {
        (await SignUpAsync(email, choices)).EnsureSuccessStatusCode();
        await SendDueAsync();
        var token = TokenOf(LinkIn((await Smtp.ReceivedByAsync(email)).Last(), "/subscribe/confirm"));
        using var client = CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/subscribe/confirm") { Content = new FormUrlEncodedContent([new("token", token)]) };
        request.Headers.Add("Origin", "http://localhost");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        return await WithDbAsync(db => db.Subscribers.Where(s => s.EmailKey == email.ToLowerInvariant()).Select(s => s.Id).SingleAsync());
    }

    public Task<int> SendDueAsync() => Services.GetRequiredService<MailSender>().SendDueAsync(default);

    /// <summary>Runs a go-live pass, as every instance does every 15 seconds.</summary>
    public async Task<int> GoLiveAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GoLive>().RunAsync(default);
    }

    /// <summary>The first link of the message's text part that starts with the site's <paramref name="path"/>.</summary>
    public static string LinkIn(MimeMessage message, string path) =>
        Links().Matches(message.TextBody ?? "").Select(m => m.Value).First(l => new Uri(l).AbsolutePath == path);

    public static string TokenOf(string link) => Uri.UnescapeDataString(Regex.Match(link, "[?&]token=([^&]+)").Groups[1].Value);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
