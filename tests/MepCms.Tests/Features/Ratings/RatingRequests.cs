using System.Net.Http.Headers;
using MepCms.Tests.Support;
using MepCms.Web.Data.SqlServer;
using MepCms.Web.Features.Articles;
using MepCms.Web.Features.Ratings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.Ratings;

/// <summary>The app with a rate limit high enough that functional tests never meet it.</summary>
public class RatingsFactory : MepCmsFactory
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Ratings:RateLimit:TokenLimit"] = "100000";
}

/// <summary>The app storing each vote in its own transaction through EF Core, as it does on SQL Server.</summary>
public sealed class PerVoteRatingsFactory : RatingsFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IRatingStore, SqlServerRatingStore>());
    }
}

/// <summary>What the stored aggregate says, and what the Ratings table says.</summary>
public sealed record StoredRatings(int Count, long Sum, int Rows, long RowSum, IReadOnlyList<string> Hashes);

/// <summary>Rating requests the way a browser sends them: same-origin, with the visitor cookie when it has one.</summary>
public static class RatingRequests
{
    public const string CookieName = "mepcms_visitor";

    /// <summary>A client that neither follows redirects nor keeps cookies: each test says who the visitor is.</summary>
    public static HttpClient CreateVisitorClient(this MepCmsFactory app, string baseAddress = "http://localhost") =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });

    public static HttpRequestMessage Post(HttpClient client, string slug, IEnumerable<KeyValuePair<string, string>> fields,
        string? visitor = null, bool json = true, string? origin = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/articles/{slug}/rating") { Content = new FormUrlEncodedContent(fields) };
        if (origin != null)
        {
            request.Headers.Add("Origin", origin.Length > 0 ? origin : client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        }
        if (json)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }
        if (visitor != null)
        {
            request.Headers.Add("Cookie", $"{CookieName}={visitor}");
        }
        return request;
    }

    public static Task<HttpResponseMessage> RateAsync(this HttpClient client, string slug, int score, string? visitor = null, bool json = true) =>
        client.SendAsync(Post(client, slug, [new("score", score.ToString(System.Globalization.CultureInfo.InvariantCulture))], visitor, json));

    public static async Task<HttpResponseMessage> GetRatingAsync(this HttpClient client, string slug, string? visitor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/articles/{slug}/rating");
        if (visitor != null)
        {
            request.Headers.Add("Cookie", $"{CookieName}={visitor}");
        }
        return await client.SendAsync(request);
    }

    /// <summary>The Set-Cookie header of the visitor cookie, when the response sets it.</summary>
    public static string? VisitorSetCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith(CookieName + "=", StringComparison.Ordinal)) : null;

    public static string VisitorId(this HttpResponseMessage response) =>
        response.VisitorSetCookie()!.Split(';')[0][(CookieName.Length + 1)..];

    public static async Task<Article> PublishedArticleAsync(this MepCmsFactory app) => await app.SaveAsync(TestData.Article(app));

    public static Task<StoredRatings> StoredRatingsAsync(this MepCmsFactory app, int articleId) =>
        app.WithDbAsync(async db =>
        {
            var statementId = await db.Articles.Where(a => a.Id == articleId).Select(a => a.StatementId).SingleAsync();
            var article = await db.Statements.AsNoTracking().Where(s => s.Id == statementId).Select(a => new { a.RatingCount, a.RatingSum }).SingleAsync();
            var rows = await db.Ratings.AsNoTracking().Where(r => r.StatementId == statementId).Select(r => new { r.Score, r.VisitorHash }).ToListAsync();
            return new StoredRatings(article.RatingCount, article.RatingSum, rows.Count, rows.Sum(r => (long)r.Score), rows.Select(r => r.VisitorHash).ToList());
        });

    public static async Task<RatingViewModel> ReadRatingAsync(this HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<RatingViewModel>(response.Content,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!;
    }
}
