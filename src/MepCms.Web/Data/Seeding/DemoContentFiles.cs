using System.Reflection;
using System.Text.Json;

namespace MepCms.Web.Data.Seeding;

/// <summary>The fictional demo content shipped inside the assembly (Data/Seeding/Demo).</summary>
internal static class DemoContentFiles
{
    private static readonly Assembly Assembly = typeof(DemoContentFiles).Assembly;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Prefix = "MepCms.Web.Data.Seeding.Demo.";

    public sealed record DemoMembership(string Code, string Role);
    public sealed record DemoAuthor(string Slug, string FullName, string Country, string Group, string Party, string Bio,
        string? Email, string? Phone, bool Active, List<DemoMembership> Committees);
    public sealed record DemoCommittee(string Code, string Slug, string Name, string Description);
    public sealed record DemoTopic(string Slug, string Name, string Description);

    public sealed record DemoStatement(IReadOnlyDictionary<string, string> Header, string Body)
    {
        public string this[string key] => Header.TryGetValue(key, out var value) ? value : "";
        public IEnumerable<string> List(string key) =>
            this[key].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static List<DemoAuthor> Authors() => ReadJson<DemoAuthor>("authors.json");
    public static List<DemoCommittee> Committees() => ReadJson<DemoCommittee>("committees.json");
    public static List<DemoTopic> Topics() => ReadJson<DemoTopic>("topics.json");

    public static IEnumerable<DemoStatement> Statements() =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + "statements.", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => ParseStatement(Read(n)));

    /// <summary>A Markdown file with a `---` header of `key: value` lines.</summary>
    internal static DemoStatement ParseStatement(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new FormatException("A demo statement starts with a --- header.");
        }
        var header = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 1;
        for (; i < lines.Length && lines[i].Trim() != "---"; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon > 0)
            {
                header[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }
        var body = string.Join('\n', lines.Skip(i + 1)).Trim();
        return new DemoStatement(header, body);
    }

    private static List<T> ReadJson<T>(string name) =>
        JsonSerializer.Deserialize<List<T>>(Read(Prefix + name), Json) ?? [];

    private static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Demo content {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
