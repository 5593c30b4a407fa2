using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Features.Articles;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MepCms.Tests.Features.Alerts;

/// <summary>When a statement goes live, each matching confirmed subscriber gets exactly one alert, once, on time.</summary>
public sealed class AlertDeliveryTests(AlertsFactory app) : IClassFixture<AlertsFactory>
{
    [Fact]
    public async Task Each_matching_subscriber_gets_exactly_one_alert_and_the_others_none()
    {
        var mep = await app.SaveAsync(TestData.Author("Anna Example"));
        var otherMep = await app.SaveAsync(TestData.Author());
        var committee = await app.SaveAsync(TestData.Committee());
        var topic = await app.SaveAsync(TestData.Topic());
        string Address(string who) => $"{who}-{mep.Id}@example.org";
        await app.SubscribeAsync(Address("everything"));
        await app.SubscribeAsync(Address("mep"), ("Meps", mep.Id.ToString()));
        await app.SubscribeAsync(Address("committee"), ("Committees", committee.Id.ToString()));
        await app.SubscribeAsync(Address("topic"), ("Topics", topic.Id.ToString()));
        await app.SubscribeAsync(Address("dutch"), ("Languages", "nl"));
        await app.SubscribeAsync(Address("other-mep"), ("Meps", otherMep.Id.ToString()));
        await app.SubscribeAsync(Address("mep-in-french"), ("Meps", mep.Id.ToString()), ("Languages", "fr"));
        var article = TestData.Article(app, title: "Grid investment now", authors: mep);
        article.Committees.Add(committee);
        article.Topics.Add(topic);
        await app.SaveAsync(article);

        await app.GoLiveAsync();
        await app.GoLiveAsync();
        await app.SendDueAsync();
        await app.SendDueAsync();

        foreach (var who in new[] { "everything", "mep", "committee", "topic" })
        {
            Assert.Single(app.Smtp.To(Address(who)), m => m.Subject == "Grid investment now");
        }
        foreach (var who in new[] { "dutch", "other-mep", "mep-in-french" })
        {
            Assert.DoesNotContain(app.Smtp.To(Address(who)), m => m.Subject == "Grid investment now");
        }
    }

    [Fact]
    public async Task An_alert_for_a_dutch_statement_is_written_in_dutch_and_links_to_the_dutch_pages()
    {
        var email = TestData.Unique("lezer") + "@example.org";
        await app.SubscribeAsync(email, ("Languages", "nl"));
        var article = TestData.Article(app, title: "Nieuw steunpakket voor boeren " + TestData.Unique("nl"), publishAt: new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero));
        article.Language = "nl";
        await app.SaveAsync(article);

        await app.GoLiveAsync();
        await app.SendDueAsync();

        var alert = Assert.Single(await app.Smtp.ReceivedByAsync(email), m => m.Subject == article.Title);
        Assert.Contains("10 juni 2026", alert.TextBody);
        Assert.Contains("Brusselse tijd", alert.TextBody);
        Assert.Contains("Lees het persbericht", alert.TextBody);
        Assert.Contains("Afmelden", alert.TextBody);
        Assert.Contains($"/nl/articles/{article.Slug}", alert.TextBody);
        Assert.StartsWith("/nl/subscribe/manage", new Uri(AlertsFactory.LinkIn(alert, "/nl/subscribe/manage")).AbsolutePath);
        Assert.Contains("/nl/subscribe/unsubscribe", alert.Headers["List-Unsubscribe"]);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().GetAsync(AlertsFactory.LinkIn(alert, "/nl/subscribe/manage"))).StatusCode);
    }

    [Fact]
    public async Task Publishing_now_in_the_back_office_wakes_the_go_live_at_once_instead_of_waiting_for_its_period()
    {
        var email = TestData.Unique("now") + "@example.org";
        await app.SubscribeAsync(email);
        var mep = await app.SaveAsync(TestData.Author());
        var editor = await app.SignedInAsync(Roles.Editor);
        var id = await editor.Client.CreateDraftAsync(EditorForms.Fields("Published this minute", mep.Id));

        var response = await editor.Client.PostFormAsync($"/admin/articles/{id}/edit", $"/admin/articles/{id}/publish", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The clock stands still, so the period of the go-live pass never comes: only the wake does.
        var queued = 0;
        for (var attempt = 0; attempt < 100 && queued == 0; attempt++)
        {
            await Task.Delay(100);
            queued = await app.WithDbAsync(db => db.AlertDeliveries.CountAsync(d => d.ArticleId == id && d.Subscriber.Email == email));
        }
        Assert.Equal(1, queued);
        await app.SendDueAsync();

        var alert = Assert.Single(app.Smtp.To(email), m => m.Subject == "Published this minute");
        Assert.Contains("http://localhost/articles/", alert.TextBody);
    }

    [Fact]
    public async Task A_scheduled_statement_alerts_at_its_minute_and_not_before()
    {
        var email = TestData.Unique("scheduled") + "@example.org";
        await app.SubscribeAsync(email);
        var at = app.Clock.GetUtcNow().AddMinutes(30);
        var article = await app.SaveAsync(TestData.Article(app, title: "Embargoed until half past", publishAt: at));

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        await app.GoLiveAsync();
        await app.SendDueAsync();
        Assert.DoesNotContain(app.Smtp.To(email), m => m.Subject == article.Title);

        app.Clock.SetUtcNow(at);
        await app.GoLiveAsync();
        await app.SendDueAsync();
        Assert.Single(app.Smtp.To(email), m => m.Subject == article.Title);
    }

    [Fact]
    public async Task With_the_mail_server_down_at_go_live_the_alert_is_sent_once_when_it_is_back()
    {
        var email = TestData.Unique("patient") + "@example.org";
        await app.SubscribeAsync(email);
        await app.Smtp.StopAsync();
        var article = await app.SaveAsync(TestData.Article(app, title: "Sent after the outage"));

        await app.GoLiveAsync();
        await app.SendDueAsync();
        var queued = await app.WithDbAsync(db => db.AlertDeliveries.AsNoTracking().SingleAsync(d => d.ArticleId == article.Id && d.Subscriber.Email == email));
        Assert.Equal((DeliveryStatus.Queued, 1), (queued.Status, queued.Attempts));

        await app.Smtp.StartAgainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SendDueAsync();
        await app.SendDueAsync();

        Assert.Single(app.Smtp.To(email), m => m.Subject == article.Title);
    }

    [Fact]
    public async Task Two_senders_working_at_once_send_each_alert_once()
    {
        var emails = Enumerable.Range(0, 5).Select(_ => TestData.Unique("twice") + "@example.org").ToList();
        foreach (var email in emails)
        {
            await app.SubscribeAsync(email);
        }
        var article = await app.SaveAsync(TestData.Article(app, title: "Two instances, one alert"));
        await app.GoLiveAsync();
        // A second instance's sender: its own holder name, the same database.
        var other = ActivatorUtilities.CreateInstance<MailSender>(app.Services);

        await Task.WhenAll(app.SendDueAsync(), other.SendDueAsync(default), app.SendDueAsync(), other.SendDueAsync(default));
        app.Clock.Advance(TimeSpan.FromMinutes(3)); // the first holder's lease runs out
        await Task.WhenAll(app.SendDueAsync(), other.SendDueAsync(default));

        Assert.All(emails, email => Assert.Single(app.Smtp.To(email), m => m.Subject == article.Title));
    }

    [Fact]
    public async Task A_statement_unpublished_before_its_alert_goes_out_is_not_sent()
    {
        var email = TestData.Unique("withdrawn") + "@example.org";
        await app.SubscribeAsync(email);
        await app.Smtp.StopAsync();
        var article = await app.SaveAsync(TestData.Article(app, title: "Withdrawn in time"));
        await app.GoLiveAsync();
        await app.SendDueAsync();

        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Unpublished)));
        await app.Smtp.StartAgainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SendDueAsync();

        Assert.DoesNotContain(app.Smtp.To(email), m => m.Subject == article.Title);
        Assert.Equal(DeliveryStatus.Cancelled, await app.WithDbAsync(db => db.AlertDeliveries.Where(d => d.ArticleId == article.Id && d.Subscriber.Email == email).Select(d => d.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_address_the_server_refuses_for_good_is_marked_bounced_and_gets_nothing_more()
    {
        var email = TestData.Unique("gone") + "@example.org";
        var id = await app.SubscribeAsync(email);
        app.Smtp.Refused[email] = true;
        await app.SaveAsync(TestData.Article(app));

        await app.GoLiveAsync();
        await app.SendDueAsync();

        Assert.Equal(SubscriberStatus.Bounced, await app.WithDbAsync(db => db.Subscribers.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_alert_has_both_parts_a_direct_link_and_the_list_headers_and_encodes_greek_and_bulgarian()
    {
        var email = TestData.Unique("mime") + "@example.org";
        await app.SubscribeAsync(email);
        var article = await app.SaveAsync(TestData.Article(app, title: "Ενέργεια για όλους — Енергия за всички"));

        await app.GoLiveAsync();
        await app.SendDueAsync();

        var sent = app.Smtp.To(email).Single(m => m.Subject == article.Title);
        using var raw = new MemoryStream();
        await sent.WriteToAsync(raw);
        var reparsed = await MimeMessage.LoadAsync(new MemoryStream(raw.ToArray()));
        Assert.Equal(article.Title, reparsed.Subject);
        Assert.DoesNotContain("Ενέργεια", System.Text.Encoding.ASCII.GetString(raw.ToArray()).Split("\r\n\r\n")[0]); // headers are encoded words
        Assert.IsType<MultipartAlternative>(reparsed.Body);
        Assert.Contains($"http://localhost/articles/{article.Slug}", reparsed.TextBody);
        Assert.Contains($"href=\"http://localhost/articles/{article.Slug}\"", reparsed.HtmlBody);
        Assert.DoesNotContain("<img", reparsed.HtmlBody);
        Assert.DoesNotContain("utm_", reparsed.TextBody!);
        Assert.Matches("^<http://localhost/subscribe/unsubscribe\\?token=[^>]+>$", reparsed.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", reparsed.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("<alerts.localhost>", reparsed.Headers[HeaderId.ListId]);
        Assert.Equal("auto-generated", reparsed.Headers["Auto-Submitted"]);
        Assert.EndsWith("@example.eu", reparsed.MessageId);
    }

    [Fact]
    public async Task One_click_post_unsubscribes_a_get_only_shows_a_button_and_a_forged_token_changes_nothing()
    {
        var email = TestData.Unique("leaving") + "@example.org";
        var id = await app.SubscribeAsync(email);
        await app.SaveAsync(TestData.Article(app));
        await app.GoLiveAsync();
        await app.SendDueAsync();
        var link = new Uri(app.Smtp.To(email).Last().Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>'));
        using var client = app.CreateBrowserlessClient();

        var page = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, await StatusAsync(id));

        var forged = await client.PostAsync(link.AbsolutePath + "?token=" + Uri.EscapeDataString(AlertsFactory.TokenOf(link.Query) + "x"),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, await StatusAsync(id));

        // A bare POST, as a mail client sends it: no cookie, no Origin, no other token.
        var oneClick = await client.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, await StatusAsync(id));
        await app.SaveAsync(TestData.Article(app, title: "After leaving"));
        await app.GoLiveAsync();
        await app.SendDueAsync();
        Assert.DoesNotContain(app.Smtp.To(email), m => m.Subject == "After leaving");
    }

    [Fact]
    public async Task The_manage_link_changes_the_choices_without_signing_in()
    {
        var mep = await app.SaveAsync(TestData.Author());
        var email = TestData.Unique("chooser") + "@example.org";
        var id = await app.SubscribeAsync(email);
        var manage = (await app.WithDbAsync(db => Task.FromResult(app.Services.GetRequiredService<SubscriptionTokens>().Manage(id))));
        using var client = app.CreateBrowserlessClient();

        var page = await client.GetAsync("/subscribe/manage?token=" + Uri.EscapeDataString(manage));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/subscribe/manage")
        {
            Content = new FormUrlEncodedContent([new("Token", manage), new("Meps", mep.Id.ToString())]),
        };
        request.Headers.Add("Origin", "http://localhost");
        var saved = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal([mep.Id], await app.WithDbAsync(db => db.Subscribers.Where(s => s.Id == id).SelectMany(s => s.Meps.Select(m => m.AuthorId)).ToListAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/subscribe/manage?token=forged")).StatusCode);
    }

    private Task<SubscriberStatus> StatusAsync(int id) =>
        app.WithDbAsync(db => db.Subscribers.Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
}
