using MepCms.Web.Data;
using MepCms.Web.Data.Seeding;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Admin;
using MepCms.Web.Features.Alerts;
using MepCms.Web.Features.Articles.Publishing;
using MepCms.Web.Features.EpImport;
using MepCms.Web.Features.Media;
using MepCms.Web.Features.PressLists;
using MepCms.Web.Features.Ratings;
using MepCms.Web.Features.Shared;
using MepCms.Web.Features.Settings;
using MepCms.Web.Features.TwoFactor;
using MepCms.Web.Infrastructure.Caching;
using MepCms.Web.Infrastructure.Logging;
using MepCms.Web.Infrastructure.Mail;
using MepCms.Web.Infrastructure.Markdown;
using MepCms.Web.Infrastructure.Security;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;

var builder = WebApplication.CreateBuilder(args);

// Cross-cutting: logging, the web stack, caching, the database, security.
builder.AddMepCmsLogging();
builder.Services.AddMepCmsWeb();
builder.Services.AddMepCmsLocalization();
builder.Services.AddMepCmsForwardedHeaders();
builder.Services.AddMepCmsGracefulShutdown();
builder.Services.AddMepCmsCaching();
builder.Services.AddMepCmsDatabase(builder.Configuration, builder.Environment);
builder.Services.AddMepCmsDataProtection(builder.Configuration);
builder.Services.AddMepCmsDistributedCache(builder.Configuration);
builder.Services.AddMarkdown();
builder.Services.AddMepCmsMail();
// The features, each registering what the cross-cutting parts need of it (paths, tags, policies).
builder.Services.AddAccounts();
builder.AddMepCmsSecurity();
builder.Services.AddTwoFactor();
builder.Services.AddBackOffice();
builder.Services.AddPublicSite();
builder.Services.AddSiteSettings();
builder.Services.AddPublishing();
builder.Services.AddRatings();
builder.Services.AddMedia();
builder.Services.AddEpImport(builder.Configuration);
builder.Services.AddAlerts();
builder.Services.AddPressLists();
builder.Services.AddSeeding();

var app = builder.Build();

// `dotnet MepCms.Web.dll migrate` migrates and exits, `import-ep …` imports from the EP's open data; no web server.
if (await app.RunCommandAsync(args))
{
    return;
}

app.UseMepCmsForwardedHeaders();
app.UseMepCmsSecurity();
app.UseCorrelationId();
app.UseSiteLanguages();
app.UseMepCmsCompression();
app.UseMepCmsErrorPages();
app.UseMepCmsStaticFiles();
app.UseMepCmsRequestLogging();
// Ahead of routing and sign-in: its policy admits only requests that carry no auth cookie (0064).
app.UseOutputCache();
app.UseMepCmsPageCompression();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseTwoFactorForAdmins();
app.UseRateLimiter();

app.MapMepCmsHealth();
app.MapControllers();

await app.PrepareAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
