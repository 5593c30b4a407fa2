using MepCms.Web.Features.EpImport;

namespace MepCms.Tests.Features.EpImport;

public sealed class EpDirectoryTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 6, 10);
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "mepcms-ep-" + Guid.NewGuid().ToString("N"));

    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ep");

    public EpDirectoryTests()
    {
        foreach (var file in Directory.EnumerateFiles(Fixtures, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(Fixtures, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public async Task Every_MEP_of_the_saved_roster_is_read_with_the_bodies_it_names()
    {
        var directory = new EpDirectory(_copy);

        var reading = await EpReader.ReadAsync(directory, directory.Roster().Select(r => r.EpId), Today, CancellationToken.None);

        Assert.Empty(reading.Errors);
        Assert.Equal(["1294", "197403", "124936"], reading.Records.Select(r => r.EpId));
        Assert.Equal(["AGRI", "ECON"], reading.Records.Single(r => r.EpId == "197403").Seats.Select(s => s.CommitteeCode));
        Assert.Single(reading.Warnings);
        Assert.Null(directory.Photo("1294"));
    }

    [Fact]
    public async Task A_missing_or_malformed_file_is_an_error_for_that_MEP_only()
    {
        File.WriteAllText(Path.Combine(_copy, "meps", "197403.json"), "{\"data\": [");
        File.Delete(Path.Combine(_copy, "corporate-bodies", "5704.json"));

        var reading = await EpReader.ReadAsync(new EpDirectory(_copy), ["1294", "197403", "124936", "555"], Today, CancellationToken.None);

        Assert.Equal(["1294"], reading.Records.Select(r => r.EpId));
        Assert.Contains("not valid JSON", reading.Errors["197403"]);
        Assert.Contains("corporate-bodies/5704.json is missing", reading.Errors["124936"]);
        Assert.Contains("meps/555.json is missing", reading.Errors["555"]);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("1294/../1294")]
    [InlineData("")]
    public async Task An_identifier_that_is_not_plain_never_reaches_a_path(string id)
    {
        var reading = await EpReader.ReadAsync(new EpDirectory(_copy), [id], Today, CancellationToken.None);

        Assert.Empty(reading.Records);
        Assert.Contains("is not an EP identifier", reading.Errors[id]);
        Assert.Throws<EpFormatException>(() => new EpDirectory(_copy).Photo(id));
    }
}
