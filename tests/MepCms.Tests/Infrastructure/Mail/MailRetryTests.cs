using MepCms.Web.Infrastructure.Mail;

namespace MepCms.Tests.Infrastructure.Mail;

/// <summary>How an outbox message moves after each try: sent, refused for good, later, given up, or not sent.</summary>
public sealed class MailRetryTests
{
    private static readonly DateTime Queued = new(2026, 10, 7, 7, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 60)]
    [InlineData(3, 240)]
    [InlineData(7, 3600)] // doubling stops at an hour
    [InlineData(40, 3600)]
    public void A_temporary_failure_waits_twice_as_long_each_time_up_to_an_hour(int attemptsBefore, int seconds)
    {
        var now = Queued.AddMinutes(5);

        var update = MailRetry.After(new MailResult(MailOutcome.RetryLater, "421 busy"), Queued, attemptsBefore, now, now);

        Assert.Equal((DeliveryStatus.Queued, attemptsBefore + 1, now.AddSeconds(seconds), "421 busy"), (update.Status, update.Attempts, update.NextAttemptAt, update.LastError));
    }

    [Fact]
    public void Past_two_days_a_temporary_failure_is_given_up_and_other_outcomes_are_final()
    {
        var late = Queued + MailRetry.GiveUpAfter;
        var reason = new string('x', 300);

        Assert.Equal(DeliveryStatus.Failed, MailRetry.After(new MailResult(MailOutcome.RetryLater), Queued, 9, late, late).Status);
        var rejected = MailRetry.After(new MailResult(MailOutcome.Rejected, reason), Queued, 0, Queued, Queued);
        Assert.Equal((DeliveryStatus.Failed, 200), (rejected.Status, rejected.LastError!.Length));
        Assert.Equal((DeliveryStatus.Sent, (DateTime?)late), (MailRetry.After(MailResult.Sent, Queued, 2, late, late).Status, MailRetry.After(MailResult.Sent, Queued, 2, late, late).SentAt));
        var cancelled = MailRetry.After(null, Queued, 2, Queued, late);
        Assert.Equal((DeliveryStatus.Cancelled, 2, (DateTime?)null), (cancelled.Status, cancelled.Attempts, cancelled.SentAt));
    }
}
