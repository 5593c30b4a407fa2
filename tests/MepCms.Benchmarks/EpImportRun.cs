using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace MepCms.Benchmarks;

/// <summary>
/// <c>--ep-import</c>: the full roster imported from saved files, as <c>import-ep --all --from DIR</c> runs
/// it on the published app: 720 MEPs with their group, national party, committee seats and a photo each,
/// into a new database; then the same again (nothing to write). Target: the first import under 60 s.
/// </summary>
internal static class EpImportRun
{
    private static readonly string[] Countries =
        ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"];

    private static readonly string[] Groups = ["EPP", "S&D", "PfE", "ECR", "Renew", "Greens/EFA", "The Left", "ESN"];

    private static readonly string[] Committees =
        ["AFET", "DROI", "SEDE", "DEVE", "INTA", "BUDG", "CONT", "ECON", "EMPL", "ENVI", "ITRE", "IMCO", "TRAN", "REGI", "AGRI", "PECH", "CULT", "JURI", "LIBE", "AFCO"];

    public static async Task<string> MeasureAsync(string app, string work, int meps)
    {
        var answers = Path.Combine(work, "ep");
        var generated = Stopwatch.StartNew();
        Generate(answers, meps);
        Console.WriteLine($"Saved answers for {meps} MEPs written in {generated.Elapsed.TotalSeconds:0.0} s");
        var database = Path.Combine(work, "ep-import.db");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__MepCms"] = $"Data Source={database}",
            ["Database__MigrateOnStartup"] = "true",
            ["Admin__Email"] = "admin@bench.local",
            ["Admin__Password"] = "benchmark password of some length",
            ["Media__Folder"] = Path.Combine(work, "ep-media"),
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        var migrate = await RunAsync(app, environment, "migrate");
        var first = await RunAsync(app, environment, "import-ep", "--all", "--from", answers);
        var again = await RunAsync(app, environment, "import-ep", "--all", "--from", answers);
        var photos = Directory.GetFiles(Path.Combine(work, "ep-media")).Length;
        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# EP import from files ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)")
            .AppendLine()
            .AppendLine("| run | seconds | summary |")
            .AppendLine("| --- | ---: | --- |")
            .AppendLine(CultureInfo.InvariantCulture, $"| migrate (empty database, not counted) | {migrate.Seconds:0.0} | |")
            .AppendLine(CultureInfo.InvariantCulture, $"| first import of {meps} MEPs with photos (target < 60 s) | {first.Seconds:0.0} | {first.Summary} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| the same again | {again.Seconds:0.0} | {again.Summary} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Each run is a whole process (start, read, compare, write); {photos} photo files stored.")
            .ToString();
    }

    private static async Task<(double Seconds, string Summary)> RunAsync(string app, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(app, "MepCms.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var text = await output + await error;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed ({process.ExitCode}):\n{text}");
        var summary = text.Split('\n').LastOrDefault(l => l.StartsWith("Imported from", StringComparison.Ordinal))?.Trim() ?? "";
        Console.WriteLine($"{args[0]}: {seconds:0.0} s {summary}");
        return (seconds, summary.Replace("|", "/", StringComparison.Ordinal));
    }

    /// <summary>The API's answers for a roster of <paramref name="meps"/>, in its JSON-LD shapes, and a JPEG photo each.</summary>
    private static void Generate(string root, int meps)
    {
        foreach (var folder in new[] { "meps", "corporate-bodies", "mepphoto" }) Directory.CreateDirectory(Path.Combine(root, folder));
        for (var g = 0; g < Groups.Length; g++) Body(root, 9001 + g, Groups[g], "EU_POLITICAL_GROUP", new() { ["en"] = Groups[g] });
        for (var c = 0; c < Countries.Length; c++)
            Body(root, 9101 + c, $"P{c}", "NATIONAL_POLITICAL_GROUP", new() { ["en"] = $"National Party of {Countries[c]}" });
        for (var c = 0; c < Committees.Length; c++)
            Body(root, 9201 + c, Committees[c], "COMMITTEE_PARLIAMENTARY_STANDING",
                new() { ["en"] = $"Committee {Committees[c]}", ["fr"] = $"Commission {Committees[c]}", ["de"] = $"Ausschuss {Committees[c]}" });
        var photo = Photo();
        var roster = new List<object>();
        for (var i = 0; i < meps; i++)
        {
            var id = (300000 + i).ToString(CultureInfo.InvariantCulture);
            var (given, family) = ($"Member{i:000}", $"Example{(char)('A' + i % 26)}{i / 26}");
            roster.Add(new Dictionary<string, object> { ["id"] = $"person/{id}", ["type"] = "Person", ["identifier"] = id, ["label"] = $"{given} {family.ToUpperInvariant()}" });
            var memberships = new List<object>
            {
                Membership(id, 1, "EU_POLITICAL_GROUP", 9001 + i % Groups.Length, "MEMBER"),
                Membership(id, 2, "NATIONAL_POLITICAL_GROUP", 9101 + i % Countries.Length, "MEMBER"),
                Membership(id, 3, "COMMITTEE_PARLIAMENTARY_STANDING", 9201 + i % Committees.Length, i < Committees.Length ? "CHAIR" : "MEMBER"),
                Membership(id, 4, "COMMITTEE_PARLIAMENTARY_STANDING", 9201 + (i + 7) % Committees.Length, "MEMBER_SUBSTITUTE"),
            };
            Write(root, $"meps/{id}.json", new Dictionary<string, object>
            {
                ["id"] = $"person/{id}", ["type"] = "Person", ["identifier"] = id, ["label"] = $"{given} {family.ToUpperInvariant()}",
                ["givenName"] = given, ["familyName"] = family,
                ["citizenship"] = $"http://publications.europa.eu/resource/authority/country/{Countries[i % Countries.Length]}",
                ["img"] = $"https://www.europarl.europa.eu/mepphoto/{id}.jpg", ["hasMembership"] = memberships,
            });
            File.WriteAllBytes(Path.Combine(root, "mepphoto", $"{id}.jpg"), photo);
        }
        File.WriteAllText(Path.Combine(root, "meps", "show-current.json"), JsonSerializer.Serialize(new { data = roster }));
    }

    private static Dictionary<string, object> Membership(string mep, int n, string classification, int body, string role) => new()
    {
        ["id"] = $"membership/{mep}-m-{n}", ["type"] = "Membership", ["membershipClassification"] = $"def/ep-entities/{classification}",
        ["organization"] = $"org/{body}", ["role"] = $"def/ep-roles/{role}",
        ["memberDuring"] = new Dictionary<string, object> { ["type"] = "PeriodOfTime", ["startDate"] = "2024-07-16" },
    };

    private static void Body(string root, int id, string label, string classification, Dictionary<string, string> names) =>
        Write(root, $"corporate-bodies/{id}.json", new Dictionary<string, object>
        {
            ["id"] = $"org/{id}", ["type"] = "org:Organization", ["identifier"] = id.ToString(CultureInfo.InvariantCulture), ["label"] = label,
            ["classification"] = $"def/ep-entities/{classification}", ["prefLabel"] = names,
        });

    private static void Write(string root, string path, object item) =>
        File.WriteAllText(Path.Combine(root, path), JsonSerializer.Serialize(new { data = new[] { item } }));

    /// <summary>A portrait-sized JPEG like the EP's (170×214 there; larger here, so the pipeline has work).</summary>
    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(340, 428);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x33, 0x55, 0x99));
            using var paint = new SKPaint { Color = new SKColor(0xee, 0xcc, 0xaa), IsAntialias = true };
            canvas.DrawCircle(170, 160, 90, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }
}
