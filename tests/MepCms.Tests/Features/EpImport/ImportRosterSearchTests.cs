using System.Net;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.EpImport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.EpImport;

/// <summary><c>/admin/import</c> with an online source (here the saved answers stand in for the API): search the roster, tick, preview, apply.</summary>
public sealed class ImportRosterSearchTests : IDisposable
{
    private readonly EpFixtureCopy _files = new();
    private readonly OnlineFactory _app;

    public ImportRosterSearchTests() => _app = new OnlineFactory(_files.Root);

    public void Dispose()
    {
        _app.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task An_admin_finds_an_MEP_by_name_ticks_her_previews_and_applies()
    {
        var admin = await _app.SignedInAsync(Roles.Admin);

        var search = Html.Parse(await (await admin.Client.GetAsync("/admin/import?q=dupont")).Content.ReadAsStringAsync());
        var choices = search.QuerySelectorAll("input[name=Mep]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["197403"], choices);
        Assert.Contains("Marie DUPONT", search.QuerySelector("fieldset")!.TextContent);
        Assert.Empty(Html.Parse(await (await admin.Client.GetAsync("/admin/import?q=nobody")).Content.ReadAsStringAsync()).QuerySelectorAll("input[name=Mep]"));

        var preview = await admin.Client.PostFormAsync("/admin/import", "/admin/import/preview", new() { ["Mep"] = "197403" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = Html.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Contains("1 new", page.QuerySelector("[role=status]")!.TextContent);
        var fields = page.QuerySelectorAll("form[action='/admin/import/apply'] input[type=hidden]")
            .Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");

        var applied = await admin.Client.PostFormAsync("/admin/import", "/admin/import/apply", fields);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(["197403"], await _app.WithDbAsync(db => db.Authors.Where(a => a.EpId != null).Select(a => a.EpId!).ToListAsync()));
        var again = Html.Parse(await (await admin.Client.GetAsync("/admin/import?q=dupont")).Content.ReadAsStringAsync());
        Assert.Contains("imported already", again.QuerySelector("fieldset")!.TextContent);
    }

    [Fact]
    public async Task The_online_source_is_the_EP_API_client_unless_the_installation_is_offline()
    {
        await using var online = new MepCmsFactory().WithWebHostBuilder(b => b.UseSetting("EpImport:Online", "true"));
        await using var offline = new MepCmsFactory();

        await using (var scope = online.Services.CreateAsyncScope())
        {
            Assert.IsType<EpApiClient>(scope.ServiceProvider.GetService<IEpSource>());
        }
        await using (var scope = offline.Services.CreateAsyncScope())
        {
            Assert.Null(scope.ServiceProvider.GetService<IEpSource>());
        }
    }

    [Fact]
    public async Task A_roster_that_cannot_be_read_is_a_friendly_503()
    {
        var admin = await _app.SignedInAsync(Roles.Admin);
        _files.Write("meps/show-current.json", "<html>maintenance</html>"u8.ToArray());

        var response = await admin.Client.GetAsync("/admin/import?q=dupont");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The app with the saved answers standing in for the EP's API as its online source.</summary>
internal sealed class OnlineFactory(string answers) : MepCmsFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<IEpSource>(_ => new EpDirectory(answers)));
    }
}
