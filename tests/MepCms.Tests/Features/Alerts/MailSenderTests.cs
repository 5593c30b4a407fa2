using MepCms.Tests.Support;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Alerts;

/// <summary>The sender's rounds: batches of the outbox over one connection to the mail server.</summary>
public sealed class MailSenderTests(AlertsFactory app) : IClassFixture<AlertsFactory>
{
    [Fact]
    public async Task More_alerts_than_a_batch_go_out_in_one_round_over_one_connection()
    {
        var count = MailSender.BatchSize + MailSender.BatchSize / 2;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var emails = Enumerable.Range(0, count).Select(i => $"{TestData.Unique("batch")}@example.org").ToList();
        await app.WithDbAsync(async db =>
        {
            db.Subscribers.AddRange(emails.Select(e => new Subscriber
            {
                Email = e, EmailKey = e, Status = SubscriberStatus.Confirmed, ConsentText = "Yes", CreatedAt = now, ConsentAt = now, ConfirmedAt = now,
            }));
            await db.SaveChangesAsync();
        });
        var article = await app.SaveAsync(TestData.Article(app, title: "One connection for all"));
        await app.GoLiveAsync();

        // The go-live wakes the sender in the background; this round, or that one, sends them all.
        await app.SendDueAsync();
        for (var attempt = 0; attempt < 100 && app.Smtp.Messages.Count(m => m.Subject == article.Title) < count; attempt++)
        {
            await Task.Delay(100);
        }

        var (messages, sessions) = (app.Smtp.Messages.ToArray(), app.Smtp.MessageSessions.ToArray());
        var used = Enumerable.Range(0, Math.Min(messages.Length, sessions.Length)).Where(i => messages[i].Subject == article.Title).Select(i => sessions[i]).Distinct();
        Assert.Single(used);
        Assert.All(emails, e => Assert.Single(app.Smtp.To(e), m => m.Subject == article.Title));
        Assert.Equal(count, await app.WithDbAsync(db => db.AlertDeliveries.CountAsync(d => d.ArticleId == article.Id && d.Status == DeliveryStatus.Sent)));
    }
}
