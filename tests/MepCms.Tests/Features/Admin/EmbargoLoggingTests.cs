using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Features.Admin;

/// <summary>
/// Serilog's request logging writes through the static logger, which the most recently built host
/// sets; so this class runs alone, after the parallel ones, with its host built last.
/// </summary>
[CollectionDefinition(nameof(EmbargoLoggingTests), DisableParallelization = true)]
public sealed class SerialLogCollection;

[Collection(nameof(EmbargoLoggingTests))]
public sealed class EmbargoLoggingTests(LogCapturingFactory app) : IClassFixture<LogCapturingFactory>
{
    [Fact]
    public async Task The_embargo_token_never_reaches_the_logs()
    {
        var draft = await app.SaveAsync(TestData.Article(app, status: ArticleStatus.Draft));
        var editor = await app.SignedInAsync(Roles.Editor);
        var created = await editor.Client.PostFormAsync("/admin/articles/new", $"/admin/articles/{draft.Id}/embargo", []);
        var link = new Uri(Html.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("#embargo-url")!.GetAttribute("value")!);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);

        var response = await app.CreateBrowserlessClient().GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await app.WaitForLineAsync(line => line.Contains("/embargo", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(app.Lines, line => line.Contains(token[..20], StringComparison.Ordinal));
    }
}
