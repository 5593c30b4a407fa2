using System.Net;
using System.Text.Json;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Features.Audit;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Alerts;

/// <summary>The back office of the mail: subscribers (counts, search, export, erasure) and the outbox (waiting, failed, again).</summary>
public sealed class MailAdminTests(AlertsFactory app) : IClassFixture<AlertsFactory>
{
    [Fact]
    public async Task Admins_count_search_export_and_erase_subscribers_and_the_audit_keeps_no_address()
    {
        var mep = await app.SaveAsync(TestData.Author("Maria Follow"));
        var email = TestData.Unique("dsr") + "@example.org";
        var id = await app.SubscribeAsync(email, ("Meps", mep.Id.ToString()), ("Languages", "el"));
        (await app.SignUpAsync(TestData.Unique("pending") + "@example.org")).EnsureSuccessStatusCode();
        var admin = await app.SignedInAsync(Roles.Admin);
        var editor = await app.SignedInAsync(Roles.Editor);

        var page = Html.Parse(await admin.Client.GetStringAsync($"/admin/subscribers?q={Uri.EscapeDataString(email.ToUpperInvariant())}"));
        var export = await admin.Client.GetAsync($"/admin/subscribers/{id}/export");
        var data = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        var erase = await admin.Client.PostFormAsync("/admin/subscribers", $"/admin/subscribers/{id}/delete", []);

        Assert.Equal(email, Assert.Single(page.QuerySelectorAll("tbody tr")).Children[0].TextContent);
        Assert.Contains("Not confirmed: ", page.QuerySelector(".admin-list")!.TextContent);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal(email, data.GetProperty("Email").GetString());
        Assert.Equal("Confirmed", data.GetProperty("Status").GetString());
        Assert.NotEmpty(data.GetProperty("ConsentWording").GetString()!);
        Assert.Equal(["Maria Follow"], data.GetProperty("Follows").GetProperty("Meps").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["el"], data.GetProperty("Follows").GetProperty("Languages").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Id == id)));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Subscriber" && e.EntityId == id.ToString()).Select(e => e.Action + " " + e.Summary).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, a => a.StartsWith(AuditActions.SubscriberRemoved, StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => a.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Client.GetAsync("/admin/subscribers")).StatusCode);
    }

    [Fact]
    public async Task The_outbox_shows_what_waits_brings_it_forward_and_queues_a_failed_message_again()
    {
        var email = TestData.Unique("waiting") + "@example.org";
        await app.SubscribeAsync(email);
        var editor = await app.SignedInAsync(Roles.Editor);
        await app.Smtp.StopAsync();
        var article = await app.SaveAsync(TestData.Article(app, title: "Waiting in the outbox"));
        await app.GoLiveAsync();
        await app.SendDueAsync(); // refused: the next attempt is 30 s away

        var waiting = Html.Parse(await editor.Client.GetStringAsync("/admin/outbox"));
        await app.Smtp.StartAgainAsync();
        await editor.Client.PostFormAsync("/admin/outbox", "/admin/outbox/send-now", []);
        await app.SendDueAsync(); // no clock advance: "send now" made it due

        Assert.Contains(waiting.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(email) && r.TextContent.Contains("Waiting in the outbox"));
        Assert.Single(app.Smtp.To(email), m => m.Subject == "Waiting in the outbox");

        // A message still refused when retries gave up (two days) can be queued again.
        await app.Smtp.StopAsync();
        var later = await app.SaveAsync(TestData.Article(app, title: "Given up on"));
        await app.GoLiveAsync();
        await app.SendDueAsync();
        app.Clock.Advance(MailRetry.GiveUpAfter);
        await app.SendDueAsync();
        var delivery = await app.WithDbAsync(db => db.AlertDeliveries.SingleAsync(d => d.ArticleId == later.Id && d.Subscriber.Email == email));
        editor = await app.SignedInAsync(Roles.Editor); // two days on, the first sign-in has expired
        var failed = Html.Parse(await editor.Client.GetStringAsync("/admin/outbox"));
        await app.Smtp.StartAgainAsync();
        var retry = await editor.Client.PostFormAsync("/admin/outbox", $"/admin/outbox/Alert/{delivery.Id}/retry", []);
        await app.SendDueAsync();

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Contains(failed.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(email) && r.TextContent.Contains("Given up on") && r.QuerySelector("button") is not null);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Single(app.Smtp.To(email), m => m.Subject == "Given up on");
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.PostFormAsync("/admin/outbox", "/admin/outbox/Alert/999999/retry", [])).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.MailRetried)));
    }
}
