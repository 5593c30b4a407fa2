using System.Net;
using MepCms.Tests.Features.Alerts;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.PressLists;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace MepCms.Tests.Features.PressLists;

/// <summary>
/// A scheduled statement sent under embargo to press lists: each journalist once, with a personal
/// link that records its first opening and can be revoked; the public link once at go-live.
/// </summary>
public sealed class PressSendingTests(AlertsFactory app) : IClassFixture<AlertsFactory>
{
    [Fact]
    public async Task Each_journalist_who_reads_the_language_gets_the_text_the_embargo_time_and_a_personal_link_once()
    {
        var (both, any, french) = (Address("both"), Address("any"), Address("french"));
        var (first, second) = (await ListAsync(("Ana Both", both, ""), ("Carla Any", any, "")),
            await ListAsync(("Ana Both", both, "en fr"), ("Franck French", french, "fr")));
        var article = await ScheduledAsync("Grid package: embargoed", body: "The **full** text, with [our page](/meps).");
        var editor = await app.SignedInAsync(Roles.Editor);

        await SendAsync(editor, article.Id, first, second);
        await SendAsync(editor, article.Id, first, second); // again: nobody new
        await app.SendDueAsync();

        var ana = Assert.Single(app.Smtp.To(both));
        Assert.Single(app.Smtp.To(any));
        Assert.Empty(app.Smtp.To(french)); // reads French only; the statement is in English
        Assert.Equal($"EMBARGOED until {BrusselsTime.DateTimeText(article.PublishAt!.Value)} (Brussels time): Grid package: embargoed", ana.Subject);
        Assert.Contains("Not for publication", ana.TextBody);
        Assert.Contains("The **full** text", ana.TextBody);
        Assert.Contains("<strong>full</strong>", ana.HtmlBody);
        Assert.Contains("href=\"http://localhost/meps\"", ana.HtmlBody); // the site's own links made absolute
        Assert.StartsWith("<http://localhost/press/unsubscribe?token=", ana.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", ana.Headers["List-Unsubscribe-Post"]);
        Assert.NotEqual(PersonalLink(ana), PersonalLink(Assert.Single(app.Smtp.To(any))));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == article.Id.ToString() && e.Action == AuditActions.ArticleSentUnderEmbargo).Select(e => e.Summary).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains(": 2 journalist(s); left out: 0 already sent, 0 opted out, 1 other language", audit[0]);
    }

    [Fact]
    public async Task The_personal_link_shows_the_statement_records_its_first_opening_and_dies_when_revoked()
    {
        var (opener, revoked) = (Address("opener"), Address("revoked"));
        var list = await ListAsync(("Pia Opener", opener, ""), ("Rui Revoked", revoked, ""));
        var article = await ScheduledAsync("Opened under embargo");
        var editor = await app.SignedInAsync(Roles.Editor);
        await SendAsync(editor, article.Id, list);
        await app.SendDueAsync();
        var (pia, rui) = (PersonalLink(app.Smtp.To(opener).Single()), PersonalLink(app.Smtp.To(revoked).Single()));
        using var journalist = app.CreateBrowserlessClient();

        using var checker = new HttpRequestMessage(HttpMethod.Head, pia); // a link checker: no opening
        Assert.Equal(HttpStatusCode.OK, (await journalist.SendAsync(checker)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var page = await journalist.GetAsync(pia);
        var opened = app.Clock.GetUtcNow().UtcDateTime;
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await journalist.GetAsync(pia);
        var revoke = await editor.Client.PostFormAsync($"/admin/articles/{article.Id}/press", $"/admin/articles/{article.Id}/press/{await RecipientIdAsync(article.Id, revoked)}/revoke", []);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Opened under embargo", html);
        Assert.Contains("personal to Pia Opener", html);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var recipient = await app.WithDbAsync(db => db.PressRecipients.SingleAsync(r => r.ArticleId == article.Id && r.Name == "Pia Opener"));
        Assert.Equal((opened, 2), (recipient.FirstOpenedAt, recipient.Opens));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await journalist.GetAsync(rui)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await journalist.GetAsync(pia)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await journalist.GetAsync(pia[..^6] + "AAAAAA")).StatusCode); // altered
        var pressPage = await editor.Client.GetStringAsync($"/admin/articles/{article.Id}/press");
        Assert.Contains(BrusselsTime.DateTimeText(opened) + " (3 views)", pressPage); // Pia opened it three times: the first, in Brussels time
        Assert.Contains("not opened", pressPage);    // Rui never opened it

        await editor.Client.PostFormAsync($"/admin/articles/{article.Id}/press", $"/admin/articles/{article.Id}/press/revoke", []);
        Assert.Equal(HttpStatusCode.NotFound, (await journalist.GetAsync(pia)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == article.Id.ToString() && e.Action == AuditActions.ArticleEmbargoLinkRevoked)));
    }

    [Fact]
    public async Task At_go_live_the_journalists_get_the_public_link_once_and_the_revoked_one_nothing()
    {
        var (lea, max) = (Address("live"), Address("cut"));
        var list = await ListAsync(("Lea Live", lea, ""), ("Max Cut", max, ""));
        var article = await ScheduledAsync("Live at eleven");
        var editor = await app.SignedInAsync(Roles.Editor);
        await SendAsync(editor, article.Id, list);
        await app.SendDueAsync();
        var link = PersonalLink(app.Smtp.To(lea).Single());
        await editor.Client.PostFormAsync($"/admin/articles/{article.Id}/press", $"/admin/articles/{article.Id}/press/{await RecipientIdAsync(article.Id, max)}/revoke", []);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.GoLiveAsync();
        await app.GoLiveAsync();
        await app.SendDueAsync();
        await app.SendDueAsync();

        var live = app.Smtp.To(lea);
        Assert.Equal(2, live.Count);
        Assert.Equal("Now public: Live at eleven", live[1].Subject);
        Assert.Contains($"http://localhost/articles/{article.Slug}", live[1].TextBody);
        Assert.Single(app.Smtp.To(max)); // the embargo mail only
        using var journalist = app.CreateBrowserlessClient();
        var after = await journalist.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal($"/articles/{article.Slug}", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Only_a_scheduled_statement_is_sent_and_one_unpublished_before_its_turn_is_not()
    {
        var dora = Address("draft");
        var list = await ListAsync(("Dora Draft", dora, ""));
        var draft = await app.SaveAsync(TestData.Article(app, title: "Still a draft", status: ArticleStatus.Draft));
        var withdrawn = await ScheduledAsync("Withdrawn before sending");
        var editor = await app.SignedInAsync(Roles.Editor);
        await app.Smtp.StopAsync();

        await SendAsync(editor, draft.Id, list);
        var flash = await editor.Client.GetStringAsync($"/admin/articles/{draft.Id}/press");
        await SendAsync(editor, withdrawn.Id, list);
        await app.SendDueAsync(); // the mail server is down: it waits
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == withdrawn.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Unpublished)));
        await app.Smtp.StartAgainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SendDueAsync();

        Assert.Contains("Only a scheduled statement can be sent under embargo", flash);
        Assert.False(await app.WithDbAsync(db => db.PressRecipients.AnyAsync(r => r.ArticleId == draft.Id)));
        Assert.Empty(app.Smtp.To(dora));
        Assert.Equal(DeliveryStatus.Cancelled, await app.WithDbAsync(db => db.PressMessages.Where(m => m.Recipient.ArticleId == withdrawn.Id).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_journalist_unsubscribes_in_one_click_from_every_list_and_a_get_or_a_forged_token_changes_nothing()
    {
        var email = Address("leaving");
        var (one, two) = (await ListAsync(("Uma Leaving", email, "")), await ListAsync(("Uma Leaving", email, "")));
        var editor = await app.SignedInAsync(Roles.Editor);
        var article = await ScheduledAsync("Before she left");
        await SendAsync(editor, article.Id, one);
        await app.SendDueAsync();
        var unsubscribe = app.Smtp.To(email).Single().Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>');
        using var mailClient = app.CreateBrowserlessClient();

        var get = await mailClient.GetAsync(unsubscribe);
        var forged = await mailClient.PostAsync(unsubscribe.Replace("token=", "token=x"), new StringContent("List-Unsubscribe=One-Click"));
        var optedOutAfterGet = await app.WithDbAsync(db => db.PressOptOuts.AnyAsync(o => o.EmailKey == email));
        var post = await mailClient.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var next = await ScheduledAsync("After she left");
        await SendAsync(editor, next.Id, one, two);
        await app.SendDueAsync();

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.False(optedOutAfterGet);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Single(app.Smtp.To(email));
        Assert.Contains("0 journalist(s); left out: 0 already sent, 1 opted out", await app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.EntityId == next.Id.ToString() && e.Action == AuditActions.ArticleSentUnderEmbargo).Select(e => e.Summary).SingleAsync()));
    }

    private static string Address(string who) => $"{TestData.Unique(who)}@newsroom.example";

    private async Task<Article> ScheduledAsync(string title, string body = "Some **body** text.") =>
        await app.SaveAsync(TestData.Article(app, title: title, body: body, publishAt: app.Clock.GetUtcNow().AddHours(1)));

    private async Task<int> ListAsync(params (string Name, string Email, string Languages)[] journalists) =>
        await app.WithDbAsync(async db =>
        {
            var list = new PressList { Name = TestData.Unique("list") };
            list.Contacts.AddRange(journalists.Select(j => new PressContact
            {
                Name = j.Name, Outlet = "Example Daily", Email = j.Email, EmailKey = j.Email.ToLowerInvariant(), Languages = j.Languages,
            }));
            db.PressLists.Add(list);
            await db.SaveChangesAsync();
            return list.Id;
        });

    private static async Task SendAsync(StaffMember editor, int articleId, params int[] lists)
    {
        var token = await editor.Client.AntiforgeryTokenAsync($"/admin/articles/{articleId}/press");
        var fields = lists.Select(id => new KeyValuePair<string, string>("ListIds", id.ToString())).Append(new("__RequestVerificationToken", token));
        var response = await editor.Client.PostAsync($"/admin/articles/{articleId}/press/send", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<long> RecipientIdAsync(int articleId, string email) =>
        app.WithDbAsync(db => db.PressRecipients.Where(r => r.ArticleId == articleId && r.Email == email).Select(r => r.Id).SingleAsync());

    private static string PersonalLink(MimeMessage message) =>
        AlertsFactory.LinkIn(message, "/embargo").Replace("http://localhost", "", StringComparison.Ordinal);
}
