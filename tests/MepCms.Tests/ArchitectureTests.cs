using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace MepCms.Tests;

/// <summary>
/// The directions that keep the code easy to change (STYLE.md): infrastructure names no feature,
/// providers stay in their folders, public features do not lean on the back office, no static
/// mutable state, and files stay a readable size.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Source = FindSource();

    [Fact]
    public void Infrastructure_names_no_feature()
    {
        Assert.Empty(FilesWhere("Infrastructure", code => FeatureName().IsMatch(code)));
    }

    [Fact]
    public void Public_features_do_not_use_the_back_office()
    {
        var features = Path.Combine(Source, "Features");
        var offenders = Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsGenerated(f) && !Path.GetRelativePath(features, f).StartsWith("Admin", StringComparison.Ordinal))
            .Where(f => BackOfficeName().IsMatch(File.ReadAllText(f)))
            .Select(Relative);
        Assert.Empty(offenders);
    }

    [Fact]
    public void Only_the_data_folder_names_a_database_provider()
    {
        Assert.Empty(FilesWhere("Features", code => ProviderName().IsMatch(code)));
        Assert.Empty(FilesWhere("Infrastructure", code => ProviderName().IsMatch(code)));
    }

    [Fact]
    public void No_file_outside_the_migrations_is_longer_than_300_lines()
    {
        var long_ = Directory.EnumerateFiles(Source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !IsGenerated(f) && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Count() > 300)
            .Select(Relative);
        Assert.Empty(long_);
    }

    // A directive without its @ is markup: it would be sent before the doctype (quirks mode).
    [Fact]
    public void Every_directive_of_a_view_starts_with_an_at_sign()
    {
        var bare = Directory.EnumerateFiles(Source, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("using ", StringComparison.Ordinal) || l.StartsWith("model ", StringComparison.Ordinal)
                || l.StartsWith("inject ", StringComparison.Ordinal)))
            .Select(Relative);
        Assert.Empty(bare);
    }

    [Fact]
    public void The_app_keeps_no_mutable_static_field()
    {
        var fields = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("MepCms.Web", StringComparison.Ordinal) == true && !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}");
        Assert.Empty(fields);
    }

    [GeneratedRegex(@"^(?!\s*(//|///|\*)).*\bMepCms\.Web\.Features\b", RegexOptions.Multiline)]
    private static partial Regex FeatureName();

    [GeneratedRegex(@"^(?!\s*(//|///|\*)).*\bMepCms\.Web\.Features\.Admin\b", RegexOptions.Multiline)]
    private static partial Regex BackOfficeName();

    // Comments may explain a provider's behaviour; code may not name one.
    [GeneratedRegex(@"^(?!\s*(//|///|\*)).*\b\w*(Sqlite|SqlServer)\w*\b", RegexOptions.Multiline)]
    private static partial Regex ProviderName();

    private static IEnumerable<string> FilesWhere(string folder, Func<string, bool> matches) =>
        Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsGenerated(f) && matches(File.ReadAllText(f)))
            .Select(Relative);

    private static bool IsGenerated(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(Source, file);

    private static string FindSource()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var source = Path.Combine(folder.FullName, "src", "MepCms.Web");
            if (File.Exists(Path.Combine(folder.FullName, "MepCms.sln")) && Directory.Exists(source))
            {
                return source;
            }
        }
        throw new InvalidOperationException("The repository's src/MepCms.Web was not found above the test binaries.");
    }
}
