using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MepCms.Web.Features.EpImport;

/// <summary>
/// Saved EP answers uploaded in the back office ("Import from file"): a zip, or several JSON-LD files and
/// photos. Each file finds its API path by its place in the zip (<c>meps/1294.json</c>) or, failing
/// that, by what it holds (an MEP, a body, the roster). Kept in memory, within fixed limits.
/// </summary>
public sealed partial class EpArchive : EpSavedAnswers
{
    /// <summary>The most bytes all files may hold once unpacked (a zip cannot unpack into more).</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    /// <summary>The most files; a full roster is about 720 MEPs, 100 bodies and 720 photos.</summary>
    public const int MaxFiles = 5_000;

    private readonly Dictionary<string, byte[]> _answers = new(StringComparer.Ordinal);
    private long _bytes;

    public override string Name => "uploaded files";

    public int Count => _answers.Count;

    /// <summary>The API paths held, in order.</summary>
    public IEnumerable<string> Paths => _answers.Keys.Order(StringComparer.Ordinal);

    [GeneratedRegex(@"(?:^|/)(meps/show-current\.json|meps/[A-Za-z0-9_-]{1,40}\.json|corporate-bodies/[A-Za-z0-9_-]{1,40}\.json|mepphoto/[A-Za-z0-9_-]{1,40}\.jpg)$")]
    private static partial Regex ApiPath();

    [GeneratedRegex(@"^([A-Za-z0-9_-]{1,40})\.jpe?g$", RegexOptions.IgnoreCase)]
    private static partial Regex PhotoName();

    protected override byte[]? Find(string relative) => _answers.GetValueOrDefault(relative);

    /// <summary>Adds one uploaded file: a zip is unpacked, anything else placed by its name or content. Throws <see cref="EpFormatException"/> with a reason.</summary>
    public void Add(string fileName, byte[] content)
    {
        if (content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K' && content[2] == 3 && content[3] == 4)
        {
            AddZip(fileName, content);
            return;
        }
        Place(Path.GetFileName(fileName), content);
    }

    /// <summary>Everything held, as a zip under the API's paths: what is kept between the preview and the apply.</summary>
    public byte[] ToZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var path in Paths)
            {
                using var entry = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
                entry.Write(_answers[path]);
            }
        }
        return buffer.ToArray();
    }

    private void AddZip(string fileName, byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxFiles) throw new EpFormatException($"{fileName} holds more than {MaxFiles} files.");
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                // The declared size is checked first, the real one while reading: a zip may lie about either.
                if (_bytes + entry.Length > MaxBytes) throw TooLarge();
                using var stream = entry.Open();
                var bytes = ReadLimited(stream, MaxBytes - _bytes);
                var path = entry.FullName.Replace('\\', '/');
                var match = ApiPath().Match(path);
                if (match.Success) Keep(match.Groups[1].Value, bytes);
                else Place(Path.GetFileName(path), bytes);
            }
        }
        catch (InvalidDataException e)
        {
            throw new EpFormatException($"{fileName} is not a zip file that can be read.", e);
        }
    }

    /// <summary>A loose file: a photo by its name (<c>{id}.jpg</c>), JSON-LD by what it holds; anything else is refused.</summary>
    private void Place(string name, byte[] content)
    {
        if (PhotoName().Match(name) is { Success: true } photo)
        {
            Keep($"mepphoto/{photo.Groups[1].Value}.jpg", content);
            return;
        }
        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".jsonld", StringComparison.OrdinalIgnoreCase))
        {
            throw new EpFormatException($"{name} is neither JSON-LD saved from the EP's open data nor an MEP photo ({{id}}.jpg).");
        }
        Keep(PathOf(name, content), content);
    }

    /// <summary>Where the API serves what this JSON-LD holds: one MEP, one body, or the roster of current MEPs.</summary>
    private static string PathOf(string name, byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var data = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("data", out var d) ? d : document.RootElement;
            var items = data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().ToList() : [data];
            if (items.Count == 0 || items.Any(i => i.ValueKind != JsonValueKind.Object)) throw new EpFormatException($"{name} holds no MEP or body.");
            var first = items[0];
            JsonElement? Property(string key) => first.TryGetProperty(key, out var value) ? value : null;
            var type = EpJsonLd.Text(Property("type") ?? Property("@type")) ?? "";
            var id = EpJsonLd.Text(Property("identifier"));
            if (type.EndsWith("Person", StringComparison.Ordinal))
            {
                if (items.Count > 1 || !first.TryGetProperty("hasMembership", out _)) return "meps/show-current.json";
                return id is not null && SafeId().IsMatch(id) ? $"meps/{id}.json" : throw new EpFormatException($"{name}: the MEP has no identifier.");
            }
            if (type.EndsWith("Organization", StringComparison.Ordinal) && items.Count > 1) return "corporate-bodies/show-current.json";
            if (type.EndsWith("Organization", StringComparison.Ordinal))
            {
                return id is not null && SafeId().IsMatch(id) ? $"corporate-bodies/{id}.json" : throw new EpFormatException($"{name}: the body has no identifier.");
            }
            throw new EpFormatException($"{name} holds neither an MEP, a body nor the roster of current MEPs.");
        }
        catch (JsonException e)
        {
            throw new EpFormatException($"{name} is not valid JSON.", e);
        }
    }

    private void Keep(string path, byte[] content)
    {
        if (_answers.Count >= MaxFiles && !_answers.ContainsKey(path)) throw new EpFormatException($"More than {MaxFiles} files.");
        _bytes += content.Length - (_answers.TryGetValue(path, out var old) ? old.Length : 0);
        if (_bytes > MaxBytes) throw TooLarge();
        _answers[path] = content;
    }

    private static byte[] ReadLimited(Stream stream, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static EpFormatException TooLarge() => new($"The files hold more than {MaxBytes / 1024 / 1024} MB once unpacked.");
}
