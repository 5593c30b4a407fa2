using System.Net;
using System.Reflection;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Features.PressLists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Admin;

/// <summary>
/// Every admin endpoint the app really has × anonymous, Contributor, Editor, Admin. The expected
/// table names the least role each endpoint needs; an endpoint missing from it, or without a
/// policy of its own, fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private const string Anyone = Roles.Contributor;

    // For an edit page "Editor" means: a contributor is refused another person's statement.
    private static readonly Dictionary<string, string> LeastRole = new()
    {
        ["GET /admin"] = Anyone,
        ["GET /admin/articles"] = Anyone,
        ["GET /admin/articles/new"] = Anyone,
        ["POST /admin/articles/new"] = Anyone,
        ["POST /admin/articles/preview"] = Anyone,
        ["GET /admin/articles/{id}/edit"] = Roles.Editor,
        ["POST /admin/articles/{id}/edit"] = Anyone,
        ["GET /admin/articles/{id}/preview"] = Anyone,
        ["POST /admin/articles/{id}/submit"] = Anyone,
        ["POST /admin/articles/{id}/publish"] = Roles.Editor,
        ["POST /admin/articles/{id}/schedule"] = Roles.Editor,
        ["POST /admin/articles/{id}/unpublish"] = Roles.Editor,
        ["POST /admin/articles/{id}/embargo"] = Roles.Editor,
        ["GET /admin/articles/{id}/delete"] = Roles.Admin,
        ["POST /admin/articles/{id}/delete"] = Roles.Admin,
        ["GET /admin/articles/{id}/revisions"] = Anyone,
        ["GET /admin/articles/{id}/revisions/diff"] = Anyone,
        ["POST /admin/articles/{id}/revisions/{number}/restore"] = Roles.Editor,
        ["GET /admin/meps"] = Roles.Editor,
        ["GET /admin/meps/new"] = Roles.Editor,
        ["POST /admin/meps/new"] = Roles.Editor,
        ["GET /admin/meps/{id}/edit"] = Roles.Editor,
        ["POST /admin/meps/{id}/edit"] = Roles.Editor,
        ["POST /admin/meps/{id}/deactivate"] = Roles.Editor,
        ["GET /admin/committees"] = Roles.Editor,
        ["GET /admin/committees/new"] = Roles.Editor,
        ["POST /admin/committees/new"] = Roles.Editor,
        ["GET /admin/committees/{id}/edit"] = Roles.Editor,
        ["POST /admin/committees/{id}/edit"] = Roles.Editor,
        ["POST /admin/committees/{id}/retire"] = Roles.Editor,
        ["POST /admin/committees/{id}/merge"] = Roles.Editor,
        ["GET /admin/topics"] = Roles.Editor,
        ["GET /admin/topics/new"] = Roles.Editor,
        ["POST /admin/topics/new"] = Roles.Editor,
        ["GET /admin/topics/{id}/edit"] = Roles.Editor,
        ["POST /admin/topics/{id}/edit"] = Roles.Editor,
        ["POST /admin/topics/{id}/retire"] = Roles.Editor,
        ["POST /admin/topics/{id}/merge"] = Roles.Editor,
        ["GET /admin/ratings"] = Roles.Editor,
        ["GET /admin/ratings/export.csv"] = Roles.Editor,
        ["GET /admin/ratings/{id}"] = Roles.Editor,
        ["POST /admin/ratings/{id}/remove"] = Roles.Admin,
        ["GET /admin/users"] = Roles.Admin,
        ["GET /admin/settings"] = Roles.Admin,
        ["GET /admin/import"] = Roles.Admin,
        ["POST /admin/import/preview"] = Roles.Admin,
        ["POST /admin/import/apply"] = Roles.Admin,
        ["POST /admin/settings"] = Roles.Admin,
        ["POST /admin/users/new"] = Roles.Admin,
        ["GET /admin/users/{id}"] = Roles.Admin,
        ["POST /admin/users/{id}/role"] = Roles.Admin,
        ["POST /admin/users/{id}/lock"] = Roles.Admin,
        ["POST /admin/users/{id}/unlock"] = Roles.Admin,
        ["POST /admin/users/{id}/password"] = Roles.Admin,
        ["GET /admin/media"] = Anyone,
        ["GET /admin/media/picker"] = Anyone,
        ["POST /admin/media/upload"] = Anyone,
        ["POST /admin/media/{id}/delete"] = Roles.Editor,
        ["POST /admin/users/{id}/two-factor/reset"] = Roles.Admin,
        ["POST /admin/articles/{id}/pin"] = Roles.Editor,
        ["POST /admin/articles/{id}/unpublish-at"] = Roles.Editor,
        ["POST /admin/articles/{id}/unpublish-at/cancel"] = Roles.Editor,
        ["POST /admin/articles/{id}/scheduled-update"] = Roles.Editor,
        ["POST /admin/articles/new/autosave"] = Anyone,
        ["POST /admin/media/{id}/details"] = Anyone,
        ["POST /admin/articles/{id}/attachments"] = Anyone,
        ["GET /admin/articles/{id}/attachments/{attachmentId}"] = Roles.Editor,
        ["POST /admin/articles/{id}/attachments/{attachmentId}/rename"] = Anyone,
        ["POST /admin/articles/{id}/attachments/{attachmentId}/up"] = Anyone,
        ["POST /admin/articles/{id}/attachments/{attachmentId}/down"] = Anyone,
        ["POST /admin/articles/{id}/attachments/{attachmentId}/remove"] = Anyone,
        ["GET /admin/calendar"] = Anyone,
        ["POST /admin/calendar/planned"] = Anyone,
        ["GET /admin/calendar/planned/{id}"] = Anyone,
        ["POST /admin/calendar/planned/{id}"] = Anyone,
        ["POST /admin/calendar/planned/{id}/delete"] = Anyone,
        ["POST /admin/articles/{id}/comments"] = Anyone,
        ["POST /admin/articles/{id}/comments/{commentId}/replies"] = Anyone,
        ["POST /admin/articles/{id}/comments/{commentId}/resolve"] = Anyone,
        ["POST /admin/articles/{id}/comments/{commentId}/reopen"] = Anyone,
        ["POST /admin/articles/new/autosave/discard"] = Anyone,
        ["POST /admin/articles/{id}/autosave"] = Anyone,
        ["POST /admin/articles/{id}/autosave/discard"] = Anyone,
        ["POST /admin/articles/{id}/scheduled-update/cancel"] = Roles.Editor,
        // Anyone who writes may translate (the translation is their own draft); marking one updated is editing it.
        ["POST /admin/articles/{id}/translate"] = Anyone,
        ["POST /admin/articles/{id}/translation-updated"] = Anyone,
        ["POST /admin/articles/{id}/unpin"] = Roles.Editor,
        ["GET /admin/articles/{id}/press"] = Roles.Editor,
        ["POST /admin/articles/{id}/press/send"] = Roles.Editor,
        ["POST /admin/articles/{id}/press/revoke"] = Roles.Editor,
        ["POST /admin/articles/{id}/press/{recipientId}/revoke"] = Roles.Editor,
        ["GET /admin/press-lists"] = Roles.Editor,
        ["POST /admin/press-lists"] = Roles.Editor,
        ["GET /admin/press-lists/{id}"] = Roles.Editor,
        ["POST /admin/press-lists/{id}"] = Roles.Editor,
        ["POST /admin/press-lists/{id}/delete"] = Roles.Editor,
        ["POST /admin/press-lists/{id}/contacts"] = Roles.Editor,
        ["GET /admin/press-lists/{id}/contacts/{contactId}"] = Roles.Editor,
        ["POST /admin/press-lists/{id}/contacts/{contactId}"] = Roles.Editor,
        ["POST /admin/press-lists/{id}/contacts/{contactId}/delete"] = Roles.Editor,
        ["GET /admin/press-lists/{id}/export"] = Roles.Editor,
        ["POST /admin/press-lists/{id}/import"] = Roles.Editor,
        ["POST /admin/press-lists/{id}/import/apply"] = Roles.Editor,
        ["GET /admin/outbox"] = Roles.Editor,
        ["POST /admin/outbox/send-now"] = Roles.Editor,
        ["POST /admin/outbox/{kind}/{id}/retry"] = Roles.Editor,
        ["GET /admin/subscribers"] = Roles.Admin,
        ["GET /admin/subscribers/{id}/export"] = Roles.Admin,
        ["POST /admin/subscribers/{id}/delete"] = Roles.Admin,
    };

    private static readonly string[] Rank = [Roles.Contributor, Roles.Editor, Roles.Admin];

    private IReadOnlyList<(string Key, RouteEndpoint Endpoint)> AdminEndpoints()
    {
        using var _ = app.CreateClient(); // starts the app
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>()?.RouteValues["area"] == "Admin")
            // HEAD goes with GET (EndpointInventoryTests checks every GET answers HEAD).
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Where(m => m != "HEAD").Select(m => ($"{m} {Normalise(e.RoutePattern.RawText!)}", e)))
            .OrderBy(x => x.Item1)
            .ToList();
    }

    private static string Normalise(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace("/" + pattern.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");

    [Fact]
    public void Every_admin_endpoint_is_in_the_matrix_and_the_matrix_has_no_stale_rows()
    {
        var actual = AdminEndpoints().Select(e => e.Key).ToHashSet();

        Assert.Empty(actual.Except(LeastRole.Keys));
        Assert.Empty(LeastRole.Keys.Except(actual));
    }

    [Fact]
    public void Every_admin_controller_names_a_policy_and_nothing_admin_allows_anonymous()
    {
        foreach (var (key, endpoint) in AdminEndpoints())
        {
            var controller = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>()!.ControllerTypeInfo;
            var own = controller.GetCustomAttributes<AuthorizeAttribute>(inherit: false);
            Assert.True(own.Any(a => a.Policy is { Length: > 0 }), $"{controller.Name} ({key}) has no class-level [Authorize(Policy = …)]");
            Assert.Null(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy is { Length: > 0 });
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_admin_endpoint()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var client = app.CreateBrowserlessClient();

        foreach (var (key, _) in AdminEndpoints())
        {
            var response = await SendAsync(client, key, new Ids(article.Id, 1, 1, 1));

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{key}: {response.StatusCode}");
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Roles.Contributor)]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Admin)]
    public async Task Each_role_reaches_exactly_the_admin_endpoints_its_policies_allow(string role)
    {
        var article = await app.SaveAsync(TestData.Article(app));
        await app.WithDbAsync(async db =>
        {
            db.ArticleRevisions.Add(new() { ArticleId = article.Id, Number = 1, Title = article.Title, Lead = article.Lead, BodyMarkdown = article.BodyMarkdown, CreatedByName = "test" });
            await db.SaveChangesAsync();
        });
        var staff = await app.SignedInAsync(role);
        var (list, contact, subscriber) = await app.WithDbAsync(async db =>
        {
            var contact = new PressContact { Name = "Journalist", Email = "j@example.org", EmailKey = "j@example.org" };
            db.PressLists.Add(new PressList { Name = TestData.Unique("list"), Contacts = [contact] });
            var subscriber = new Subscriber { Email = TestData.Unique("s") + "@example.org", ConsentText = "Yes" };
            subscriber.EmailKey = subscriber.Email;
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync();
            return (contact.PressListId, contact.Id, subscriber.Id);
        });
        var ids = new Ids(article.Id, article.Authors[0].AuthorId, (await app.SaveAsync(TestData.Committee())).Id, (await app.SaveAsync(TestData.Topic())).Id,
            (await app.CreateUserAsync(Roles.Contributor)).Id, list, contact, subscriber,
            (await app.SaveAsync(new Web.Features.Admin.Calendar.PlannedEntry { Day = new DateOnly(2026, 6, 1), Title = "Idea", CreatedByName = "test" })).Id,
            await AttachmentAsync(article.Id));

        foreach (var (key, _) in AdminEndpoints())
        {
            var allowed = Array.IndexOf(Rank, role) >= Array.IndexOf(Rank, LeastRole[key]);
            var response = await SendAsync(staff.Client, key, ids);

            // A POST without its antiforgery token answers 400 once authorization has let it through.
            var expected = !allowed ? HttpStatusCode.Forbidden : key.StartsWith("POST", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
            Assert.True(expected == response.StatusCode, $"{role} {key}: expected {expected}, got {response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_enrol_from_every_admin_endpoint()
    {
        var article = await app.SaveAsync(TestData.Article(app));
        var (_, email) = await app.CreateUserAsync(Roles.Admin);
        var client = app.CreateBrowserlessClient();
        await client.LoginAsync(email, Staff.Password);

        foreach (var (key, _) in AdminEndpoints())
        {
            var response = await SendAsync(client, key, new Ids(article.Id, 1, 1, 1));

            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == Web.Features.TwoFactor.TwoFactorSetup.ManagePath,
                $"{key}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <summary>A stored document of the statement, file and row, for the routes that name one.</summary>
    private async Task<int> AttachmentAsync(int articleId)
    {
        var name = Web.Features.Attachments.AttachmentFiles.NewName();
        await app.Services.GetRequiredService<Web.Features.Attachments.AttachmentFiles>().WriteAsync(name, TestPdfs.Build(), default);
        return (await app.SaveAsync(new Web.Features.Attachments.ArticleAttachment { ArticleId = articleId, Title = "Letter", FileName = name, DownloadName = "letter.pdf", UploadedByName = "test" })).Id;
    }

    /// <summary>A record of each kind that an <c>{id}</c> in an admin route can name.</summary>
    private sealed record Ids(int Article, int Mep, int Committee, int Topic, string User = "none", int PressList = 1, int Contact = 1, int Subscriber = 1, int Planned = 1, int Attachment = 1)
    {
        public string For(string path) =>
            path.StartsWith("/admin/users", StringComparison.Ordinal) ? User
            : path.StartsWith("/admin/calendar", StringComparison.Ordinal) ? $"{Planned}"
            : path.StartsWith("/admin/press-lists", StringComparison.Ordinal) ? $"{PressList}"
            : path.StartsWith("/admin/subscribers", StringComparison.Ordinal) ? $"{Subscriber}"
            : path.StartsWith("/admin/meps", StringComparison.Ordinal) ? $"{Mep}"
            : path.StartsWith("/admin/committees", StringComparison.Ordinal) ? $"{Committee}"
            : path.StartsWith("/admin/topics", StringComparison.Ordinal) ? $"{Topic}"
            : $"{Article}";
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string key, Ids ids)
    {
        var parts = key.Split(' ');
        var url = parts[1].Replace("{id}", $"{ids.For(parts[1])}").Replace("{number}", "1")
            .Replace("{contactId}", $"{ids.Contact}").Replace("{commentId}", "1").Replace("{attachmentId}", $"{ids.Attachment}").Replace("{recipientId}", "1").Replace("{kind}", "Alert");
        if (url.EndsWith("/diff", StringComparison.Ordinal))
        {
            url += "?from=1&to=1";
        }
        return parts[0] == "GET" ? client.GetAsync(url) : client.PostAsync(url, new FormUrlEncodedContent([]));
    }
}
