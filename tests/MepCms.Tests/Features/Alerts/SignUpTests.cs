using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Alerts;

/// <summary>Double opt-in: an address receives nothing but its confirmation until its owner confirms.</summary>
public sealed class SignUpTests(AlertsFactory app) : IClassFixture<AlertsFactory>
{
    [Fact]
    public async Task Signing_up_sends_one_confirmation_whose_link_shows_a_button_and_the_button_confirms()
    {
        var email = TestData.Unique("anna") + "@example.org";

        var response = await app.SignUpAsync(email);
        await app.SendDueAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync());
        var confirmation = Assert.Single(app.Smtp.To(email));
        Assert.StartsWith("Confirm your e-mail alerts", confirmation.Subject);
        var link = AlertsFactory.LinkIn(confirmation, "/subscribe/confirm");
        using var client = app.CreateBrowserlessClient();
        var page = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SubscriberStatus.Pending, await StatusAsync(email)); // a scanner following the link confirms nothing

        var id = await app.SubscribeAsync(email.ToUpperInvariant()); // the same address, in other letters
        Assert.Equal(SubscriberStatus.Confirmed, await StatusAsync(email));
        Assert.True(id > 0);
    }

    [Fact]
    public async Task An_unconfirmed_address_receives_no_alert()
    {
        var email = TestData.Unique("pending") + "@example.org";
        await app.SignUpAsync(email);
        await app.SendDueAsync();

        var article = await app.SaveAsync(TestData.Article(app));
        await app.GoLiveAsync();
        await app.SendDueAsync();

        Assert.Single(app.Smtp.To(email)); // the confirmation only
        Assert.False(await app.WithDbAsync(db => db.AlertDeliveries.AnyAsync(d => d.ArticleId == article.Id && d.Subscriber.Email == email)));
    }

    [Fact]
    public async Task A_known_address_gets_the_same_page_and_status_as_a_new_one()
    {
        var known = TestData.Unique("known") + "@example.org";
        await app.SubscribeAsync(known);
        app.Clock.Advance(Subscriptions.ConfirmationInterval);
        var unknown = TestData.Unique("unknown") + "@example.org";

        var again = await app.SignUpAsync(known);
        var fresh = await app.SignUpAsync(unknown);

        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal((await fresh.Content.ReadAsStringAsync()).Replace(unknown, "ADDRESS"), (await again.Content.ReadAsStringAsync()).Replace(known, "ADDRESS"));
        await app.SendDueAsync();
        // The owner of the known address is told it is subscribed, with a link to manage it; nothing changed.
        Assert.Contains("already receives", app.Smtp.To(known).Last().TextBody);
        Assert.Equal(SubscriberStatus.Confirmed, await StatusAsync(known));
    }

    [Fact]
    public async Task An_address_gets_at_most_one_confirmation_in_ten_minutes_however_often_it_is_signed_up()
    {
        var email = TestData.Unique("flooded") + "@example.org";

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.SignUpAsync(email)).StatusCode);
        }
        await app.SendDueAsync();

        Assert.Single(app.Smtp.To(email));
    }

    [Theory]
    [InlineData("anna@example.org\r\nBcc: everyone@example.org")]
    [InlineData("anna@example.org, bob@example.org")]
    [InlineData("Anna <anna@example.org>")]
    [InlineData("not an address")]
    [InlineData("")]
    public async Task An_address_that_is_not_one_plain_mailbox_is_refused_with_a_message_and_nothing_is_stored_or_sent(string email)
    {
        var before = await app.WithDbAsync(db => db.Subscribers.CountAsync());
        var sent = app.Smtp.Messages.Count;

        var response = await app.SignUpAsync(email);
        await app.SendDueAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter one e-mail address", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Subscribers.CountAsync()));
        Assert.Equal(sent, app.Smtp.Messages.Count);
    }

    [Fact]
    public async Task Choices_that_do_not_exist_and_a_missing_consent_are_refused()
    {
        var email = TestData.Unique("odd") + "@example.org";

        var unknownMep = await app.SignUpAsync(email, ("Meps", "999999"));
        var unknownLanguage = await app.SignUpAsync(email, ("Languages", "xx"));
        using var client = app.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/subscribe") { Content = new FormUrlEncodedContent([new("Email", email)]) };
        request.Headers.Add("Origin", "http://localhost");
        var noConsent = await client.SendAsync(request);

        Assert.All([unknownMep, unknownLanguage, noConsent], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == email)));
    }

    [Fact]
    public async Task A_sign_up_from_another_site_is_refused()
    {
        using var client = app.CreateBrowserlessClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/subscribe")
        {
            Content = new FormUrlEncodedContent([new("Email", "victim@example.org"), new("Consent", "true")]),
        };
        request.Headers.Add("Origin", "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Sign_ups_left_unconfirmed_for_a_week_are_forgotten()
    {
        var email = TestData.Unique("forgotten") + "@example.org";
        await app.SignUpAsync(email);

        app.Clock.Advance(SubscriptionTokens.ConfirmationLifetime + TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<MailSender>().TidyAsync(default);

        Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == email)));
    }

    private Task<SubscriberStatus> StatusAsync(string email) =>
        app.WithDbAsync(db => db.Subscribers.Where(s => s.EmailKey == email.ToLowerInvariant()).Select(s => s.Status).SingleAsync());

    [Fact]
    public async Task Signing_up_on_the_dutch_page_sends_the_confirmation_in_dutch_with_a_dutch_date_and_links()
    {
        var email = TestData.Unique("anneke") + "@example.nl";

        (await app.SignUpAtAsync("/nl/subscribe", email)).EnsureSuccessStatusCode();
        await app.SendDueAsync();

        var confirmation = Assert.Single(app.Smtp.To(email));
        var dutch = System.Globalization.CultureInfo.GetCultureInfo("nl");
        Assert.Equal(string.Format(dutch, Text("AlertsConfirmSubject", dutch), SiteName), confirmation.Subject);
        Assert.NotEqual(string.Format(Text("AlertsConfirmSubject", System.Globalization.CultureInfo.InvariantCulture), SiteName), confirmation.Subject);
        // The link's last day, a week on, as Dutch writes dates ("17 juni 2026").
        var until = MepCms.Web.Infrastructure.Web.BrusselsTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime + SubscriptionTokens.ConfirmationLifetime);
        Assert.Contains(until.ToString("d MMMM yyyy", dutch), confirmation.TextBody);
        Assert.Contains(Text("AlertsConfirmAction", dutch), confirmation.TextBody);
        Assert.Equal("/nl/subscribe/confirm", new Uri(AlertsFactory.LinkIn(confirmation, "/nl/subscribe/confirm")).AbsolutePath);
        Assert.Equal("nl", await app.WithDbAsync(db => db.Subscribers.Where(s => s.EmailKey == email).Select(s => s.PageLanguage).SingleAsync()));
    }

    [Fact]
    public async Task A_subscribed_address_signing_up_on_the_french_page_gets_the_note_in_french_with_the_french_manage_page()
    {
        var email = TestData.Unique("amelie") + "@example.fr";
        await app.SubscribeAsync(email);
        app.Clock.Advance(Subscriptions.ConfirmationInterval + TimeSpan.FromMinutes(1)); // past the one-message-per-interval rule

        (await app.SignUpAtAsync("/fr/subscribe", email)).EnsureSuccessStatusCode();
        await app.SendDueAsync();

        var note = app.Smtp.To(email).Last();
        var french = System.Globalization.CultureInfo.GetCultureInfo("fr");
        Assert.Equal(string.Format(french, Text("AlertsKnownSubject", french), SiteName), note.Subject);
        Assert.Contains(Text("AlertsKnownText", french), note.TextBody);
        Assert.Equal("/fr/subscribe/manage", new Uri(AlertsFactory.LinkIn(note, "/fr/subscribe/manage")).AbsolutePath);
    }

    private static readonly System.Resources.ResourceManager Resources =
        new(typeof(MepCms.Web.Infrastructure.Web.Localization.SiteText).FullName!, typeof(MepCms.Web.Infrastructure.Web.Localization.SiteText).Assembly);

    private static string Text(string key, System.Globalization.CultureInfo culture) => Resources.GetString(key, culture)!;

    private string SiteName => app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MepCms.Web.Infrastructure.Web.SiteOptions>>().Value.Name;
}

/// <summary>A flood of sign-ups from one client is slowed down with 429 and Retry-After.</summary>
public sealed class SignUpRateLimitTests(SignUpRateLimitTests.LimitedFactory app) : IClassFixture<SignUpRateLimitTests.LimitedFactory>
{
    public sealed class LimitedFactory : MepCmsFactory
    {
        protected override void Configure(IDictionary<string, string?> settings) => settings["Alerts:SignUpsPerClient"] = "3";
    }

    [Fact]
    public async Task Sign_ups_past_the_limit_get_429_with_retry_after_and_store_nothing()
    {
        using var client = app.CreateBrowserlessClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/subscribe")
            {
                Content = new FormUrlEncodedContent([new("Email", $"flood{i}@example.org"), new("Consent", "true")]),
            };
            request.Headers.Add("Origin", "http://localhost");
            last = await client.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
        Assert.Equal(3, await app.WithDbAsync(db => db.Subscribers.CountAsync()));
    }
}
