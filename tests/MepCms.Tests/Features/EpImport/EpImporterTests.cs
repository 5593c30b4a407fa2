using System.Text.RegularExpressions;
using MepCms.Tests.Support;
using MepCms.Web.Data;
using MepCms.Web.Features.Audit;
using MepCms.Web.Features.EpImport;
using MepCms.Web.Features.Media;
using MepCms.Web.Features.Meps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MepCms.Tests.Features.EpImport;

/// <summary>The import through the real app and a real SQLite file, reading the saved fixtures (offline).</summary>
public sealed class EpImporterTests : IDisposable
{
    private static readonly EpImportRequest Three = new(["1294", "197403", "124936"], false);
    private readonly EpFixtureCopy _files = new();
    private readonly MepCmsFactory _app = new();

    public void Dispose()
    {
        _app.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task A_first_import_creates_the_MEPs_their_committees_with_names_per_language_and_one_audit_entry_per_change()
    {
        var plan = await PrepareAsync();
        Assert.Equal(3, plan.Count(EpMepChange.New));
        Assert.Empty(plan.Errors);
        Assert.Contains(plan.Meps, m => m.EpId == "197403" && m.Fields.Any(f => f.Field == "EP committees" && f.After == "AGRI vice-chair since 2024-07-23, ECON substitute since 2024-07-23"));

        var result = await ApplyAsync(plan.Fingerprint);

        Assert.NotNull(result);
        await _app.WithDbAsync(async db =>
        {
            var dupont = await db.Authors.Include(a => a.Memberships).ThenInclude(m => m.Committee).SingleAsync(a => a.EpId == "197403");
            Assert.Equal(("Marie Dupont", "FR", "marie-dupont"), (dupont.FullName, dupont.CountryCode, dupont.Slug));
            Assert.True(dupont.IsActive);
            Assert.Equal(64, dupont.EpRecordHash!.Length);
            Assert.Equal(["AGRI:ViceChair:2024-07-23:True", "ECON:Substitute:2024-07-23:True"],
                dupont.Memberships.OrderBy(m => m.Committee.Code).Select(m => $"{m.Committee.Code}:{m.Role}:{m.Since:yyyy-MM-dd}:{m.FromEp}"));
            var econ = await db.Committees.Include(c => c.Names).SingleAsync(c => c.Code == "ECON");
            Assert.Equal("4060", econ.EpId);
            Assert.Equal("Committee on Economic and Monetary Affairs", econ.Name);
            Assert.Equal("Commission des affaires économiques et monétaires", econ.Names.Single(n => n.Language == "fr").Name);
            Assert.Equal("Ausschuss für Wirtschaft und Währung", econ.Names.Single(n => n.Language == "de").Name);
            var audit = await db.AuditEntries.Where(e => e.Action.StartsWith("Mep.") || e.Action.StartsWith("Committee.")).ToListAsync();
            Assert.Equal(3, audit.Count(e => e.Action == AuditActions.MepImported));
            Assert.Equal(plan.Committees.Count, audit.Count(e => e.Action == AuditActions.CommitteeImported));
            Assert.All(audit, e => Assert.Equal("import-ep (command line)", e.UserName));
        });

        var page = await _app.CreateClient().GetAsync("/meps/marie-dupont");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Marie Dupont", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_second_import_of_the_same_data_writes_nothing_and_audits_nothing()
    {
        await ApplyAsync(null);
        var before = await _app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var plan = await PrepareAsync();
        var again = await ApplyAsync(null);

        Assert.Equal(3, plan.Count(EpMepChange.Unchanged));
        Assert.Empty(plan.Committees);
        Assert.False(plan.HasChanges);
        Assert.False(again!.Plan.HasChanges);
        Assert.Equal(before, await _app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_group_change_is_shown_field_by_field_and_refreshes_only_the_EP_owned_fields()
    {
        await ApplyAsync(null);
        await _app.WithDbAsync(async db =>
        {
            var niebler = await db.Authors.SingleAsync(a => a.EpId == "1294");
            (niebler.Slug, niebler.BioMarkdown, niebler.PressEmail) = ("angelika", "Our own words.", "press@example.eu");
            await db.SaveChangesAsync();
        });
        _files.Replace("meps/1294.json", "org/5153", "org/7035");

        var plan = await PrepareAsync();
        var changed = Assert.Single(plan.Meps, m => m.Change == EpMepChange.Changed);
        Assert.Equal("1294", changed.EpId);
        var field = Assert.Single(changed.Fields, f => f.Field == "Political group");
        Assert.Equal(("EPP", "Renew"), (field.Before, field.After));
        await ApplyAsync(plan.Fingerprint);

        await _app.WithDbAsync(async db =>
        {
            var niebler = await db.Authors.SingleAsync(a => a.EpId == "1294");
            Assert.Equal(("Renew", "angelika", "Our own words.", "press@example.eu"), (niebler.PoliticalGroup, niebler.Slug, niebler.BioMarkdown, niebler.PressEmail));
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.MepRefreshedFromEp);
            Assert.Contains("Political group: EPP → Renew", entry.Summary);
        });
    }

    [Fact]
    public async Task A_hand_made_MEP_with_the_same_name_and_country_is_linked_not_duplicated_and_keeps_the_office_fields_and_memberships()
    {
        var committee = await _app.SaveAsync(TestData.Committee("DROI"));
        var own = TestData.Author("Angelika Niebler");
        (own.CountryCode, own.Slug, own.BioMarkdown, own.PressPhone) = ("DE", "niebler", "Bio written by the office.", "+32 2 284 00 00");
        own.Memberships.Add(new CommitteeMembership { CommitteeId = committee.Id, Role = CommitteeRole.Member });
        await _app.SaveAsync(own);
        var homonym = TestData.Author("Marie Dupont");
        homonym.CountryCode = "BE"; // same name, another country: not the EP's Marie Dupont
        await _app.SaveAsync(homonym);

        var plan = await PrepareAsync();
        var link = Assert.Single(plan.Meps, m => m.Change == EpMepChange.Link);
        Assert.Equal((own.Id, "1294"), (link.AuthorId!.Value, link.EpId));
        await ApplyAsync(plan.Fingerprint);

        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Authors.CountAsync(a => a.FullName == "Angelika Niebler"));
            var linked = await db.Authors.Include(a => a.Memberships).ThenInclude(m => m.Committee).SingleAsync(a => a.Id == own.Id);
            Assert.Equal(("1294", "niebler", "Bio written by the office.", "+32 2 284 00 00"), (linked.EpId, linked.Slug, linked.BioMarkdown, linked.PressPhone));
            Assert.Contains(linked.Memberships, m => m.Committee.Code == "DROI" && !m.FromEp);
            Assert.Contains(linked.Memberships, m => m.Committee.Code == "ECON" && m.FromEp);
            Assert.Equal(2, await db.Authors.CountAsync(a => a.FullName == "Marie Dupont"));
            Assert.Null((await db.Authors.SingleAsync(a => a.Id == homonym.Id)).EpId);
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.MepLinkedToEp));
        });
    }

    [Fact]
    public async Task Two_MEPs_of_the_same_name_are_told_apart_by_their_EP_identifier()
    {
        _files.Copy("meps/197403.json", "meps/197999.json", ("197403", "197999"));

        await ApplyAsync(null, new EpImportRequest(["197403", "197999"], false), roster: false);

        await _app.WithDbAsync(async db =>
        {
            var both = await db.Authors.Where(a => a.FullName == "Marie Dupont").OrderBy(a => a.EpId).ToListAsync();
            Assert.Equal(["197403", "197999"], both.Select(a => a.EpId));
            Assert.Equal(["marie-dupont", "marie-dupont-2"], both.Select(a => a.Slug));
        });
        await ApplyAsync(null, new EpImportRequest(["197403", "197999"], false), roster: false);
        Assert.Equal(2, await _app.WithDbAsync(db => db.Authors.CountAsync(a => a.FullName == "Marie Dupont")));
    }

    [Fact]
    public async Task An_MEP_gone_from_the_roster_becomes_a_former_MEP_and_keeps_the_page()
    {
        await ApplyAsync(null);
        _files.Replace("meps/show-current.json", "\"identifier\": \"124936\"", "\"identifier\": \"x124936\"");

        var plan = await PrepareAsync(EpImportRequest.All);
        var left = Assert.Single(plan.Meps, m => m.Change == EpMepChange.Left);
        Assert.Equal("124936", left.EpId);
        await ApplyAsync(plan.Fingerprint, EpImportRequest.All);

        var berg = await _app.WithDbAsync(db => db.Authors.SingleAsync(a => a.EpId == "124936"));
        Assert.False(berg.IsActive);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/meps/{berg.Slug}")).StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.MepLeftParliament)));
    }

    [Fact]
    public async Task The_EP_photo_goes_through_the_upload_pipeline_with_the_EP_credit_and_an_uploaded_photo_is_never_replaced()
    {
        _files.Write("mepphoto/1294.jpg", TestImages.Jpeg(400, 500, withMetadata: true));
        _files.Write("mepphoto/197403.jpg", TestImages.Jpeg(400, 500));
        await ApplyAsync(null);

        var niebler = await _app.WithDbAsync(db => db.Authors.SingleAsync(a => a.EpId == "1294"));
        Assert.True(niebler.PhotoFromEp);
        Assert.Matches("^/media/[0-9a-f]{32}\\.(jpg|webp)$", niebler.PhotoPath);
        var photo = await _app.WithDbAsync(db => db.Media.SingleAsync(m => m.FileName == MediaFiles.NameInUrl(niebler.PhotoPath)));
        Assert.Equal((MediaKind.Photo, "© European Union – Source: EP", "Photo of Angelika Niebler"), (photo.Kind, photo.Credit, photo.AltText));
        var served = await _app.CreateClient().GetAsync(niebler.PhotoPath);
        Assert.Equal(System.Net.HttpStatusCode.OK, served.StatusCode);
        Assert.DoesNotContain("Exif", System.Text.Encoding.Latin1.GetString(await served.Content.ReadAsByteArrayAsync()));

        // The office uploads its own photo of Marie Dupont; the same saved photo again is "not modified".
        await _app.WithDbAsync(async db =>
        {
            var dupont = await db.Authors.SingleAsync(a => a.EpId == "197403");
            (dupont.PhotoPath, dupont.PhotoFromEp) = ("/media/0123456789abcdef0123456789abcdef.jpg", false);
            await db.SaveChangesAsync();
        });
        var media = await _app.WithDbAsync(db => db.Media.CountAsync());
        _files.Write("mepphoto/197403.jpg", TestImages.Jpeg(300, 300));
        _files.Replace("meps/197403.json", "org/7035", "org/5153"); // changed, so its photo is looked at again

        await ApplyAsync(null);

        Assert.Equal(media, await _app.WithDbAsync(db => db.Media.CountAsync()));
        Assert.Equal("/media/0123456789abcdef0123456789abcdef.jpg", (await _app.WithDbAsync(db => db.Authors.SingleAsync(a => a.EpId == "197403"))).PhotoPath);
    }

    [Fact]
    public async Task A_failure_while_writing_leaves_nothing_behind_not_a_row_not_an_audit_entry_not_a_photo_file()
    {
        _files.Write("mepphoto/1294.jpg", TestImages.Jpeg(400, 500));
        var authors = await _app.WithDbAsync(db => db.Authors.CountAsync());
        var audit = await _app.WithDbAsync(db => db.AuditEntries.CountAsync());
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_memberships BEFORE INSERT ON CommitteeMemberships BEGIN SELECT RAISE(ABORT, 'refused'); END"));
        var mediaFolder = Path.Combine(_app.Folder, "media");
        var files = Directory.Exists(mediaFolder) ? Directory.GetFiles(mediaFolder).Length : 0;

        await Assert.ThrowsAnyAsync<Exception>(() => ApplyAsync(null));

        Assert.Equal(authors, await _app.WithDbAsync(db => db.Authors.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Committees.CountAsync(c => c.EpId != null)));
        Assert.Equal(audit, await _app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Media.CountAsync()));
        Assert.Equal(files, Directory.Exists(mediaFolder) ? Directory.GetFiles(mediaFolder).Length : 0);
    }

    [Fact]
    public async Task Data_that_changed_since_the_preview_is_not_applied_blindly()
    {
        var plan = await PrepareAsync();
        _files.Replace("meps/1294.json", "org/5153", "org/7035");

        var result = await ApplyAsync(plan.Fingerprint);

        Assert.Null(result);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Authors.CountAsync(a => a.EpId != null)));
    }

    [Fact]
    public async Task An_unreadable_MEP_is_an_error_for_that_MEP_and_the_others_are_imported()
    {
        _files.Write("meps/197403.json", "{\"data\": ["u8.ToArray());

        var plan = await PrepareAsync();
        await ApplyAsync(plan.Fingerprint);

        Assert.Contains("197403", plan.Errors.Keys);
        Assert.Equal(["124936", "1294"], await _app.WithDbAsync(db => db.Authors.Where(a => a.EpId != null).OrderBy(a => a.EpId).Select(a => a.EpId!).ToListAsync()));
    }

    [Fact]
    public async Task A_photo_that_is_not_an_image_is_a_warning_and_the_MEP_is_imported_without_it()
    {
        _files.Write("mepphoto/1294.jpg", "<html>not a photo</html>"u8.ToArray());

        var result = await ApplyAsync(null);

        Assert.Contains(result!.PhotoWarnings, w => w.StartsWith("The photo of Angelika Niebler was not stored", StringComparison.Ordinal));
        Assert.Null((await _app.WithDbAsync(db => db.Authors.SingleAsync(a => a.EpId == "1294"))).PhotoPath);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Media.CountAsync()));
    }

    [Fact]
    public async Task A_body_in_an_unexpected_shape_is_an_error_for_the_MEPs_who_sit_in_it_only()
    {
        _files.Write("corporate-bodies/5704.json", "{\"data\": {\"members\": [1, 2, 3]}}"u8.ToArray());

        var plan = await PrepareAsync();

        Assert.Equal(["124936"], plan.Errors.Keys); // the one MEP of S&D
        Assert.Contains(plan.Meps, m => m.EpId == "1294" && m.Change == EpMepChange.New);
    }

    private async Task<EpImportPlan> PrepareAsync(EpImportRequest? request = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EpImporter>().PrepareAsync(new EpDirectory(_files.Root), request ?? Three, CancellationToken.None);
    }

    private async Task<EpImportResult?> ApplyAsync(string? fingerprint, EpImportRequest? request = null, bool roster = true)
    {
        if (!roster) File.Delete(Path.Combine(_files.Root, "meps", "show-current.json"));
        await using var scope = _app.Services.CreateAsyncScope();
        var (result, _) = await scope.ServiceProvider.GetRequiredService<EpImporter>()
            .ApplyAsync(new EpDirectory(_files.Root), request ?? Three, EpImportActor.CommandLine, fingerprint, CancellationToken.None);
        return result;
    }
}

/// <summary>A private copy of the saved EP answers that a test may change.</summary>
public sealed class EpFixtureCopy : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "mepcms-ep-" + Guid.NewGuid().ToString("N"));

    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ep");

    public EpFixtureCopy()
    {
        foreach (var file in Directory.EnumerateFiles(Fixtures, "*", SearchOption.AllDirectories))
            Write(Path.GetRelativePath(Fixtures, file), File.ReadAllBytes(file));
    }

    public void Write(string relative, byte[] content)
    {
        var target = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, content);
    }

    public void Replace(string relative, string from, string to)
    {
        var path = Path.Combine(Root, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Copy(string from, string to, (string From, string To) change) =>
        File.WriteAllText(Path.Combine(Root, to), Regex.Replace(File.ReadAllText(Path.Combine(Root, from)), Regex.Escape(change.From), change.To));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
