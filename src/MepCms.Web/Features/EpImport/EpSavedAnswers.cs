using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace MepCms.Web.Features.EpImport;

/// <summary>
/// The API's answers saved under the API's own paths (<c>meps/show-current.json</c>, <c>meps/{id}.json</c>,
/// <c>corporate-bodies/{id}.json</c>, <c>mepphoto/{id}.jpg</c>), read through the same parser as the API's:
/// a folder (<see cref="EpDirectory"/>) or an upload kept in memory (<see cref="EpArchive"/>).
/// </summary>
public abstract partial class EpSavedAnswers : IEpSource
{
    /// <summary>The EP's identifiers are short and plain; anything else never reaches a path.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    protected static partial Regex SafeId();

    public abstract string Name { get; }

    /// <summary>The saved answer at a path of the API, or null when none was saved.</summary>
    protected abstract byte[]? Find(string relative);

    public IReadOnlyList<EpRosterEntry> Roster() => EpJsonLd.ParseRoster(Read("meps/show-current.json"));

    public EpMep Mep(string id, ICollection<string> warnings) => EpJsonLd.ParseMep(Read($"meps/{Checked(id)}.json"), warnings);

    public EpBody Body(string id) => EpJsonLd.ParseBody(Read($"corporate-bodies/{Checked(id)}.json"));

    /// <summary>The saved photo's bytes, or null when none was saved.</summary>
    public byte[]? Photo(string id) => Find($"mepphoto/{Checked(id)}.jpg");

    public Task<IReadOnlyList<EpRosterEntry>> RosterAsync(CancellationToken cancellationToken) => Task.FromResult(Roster());

    public Task<EpMep> MepAsync(string id, ICollection<string> warnings, CancellationToken cancellationToken) => Task.FromResult(Mep(id, warnings));

    public Task<EpBody> BodyAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Body(id));

    public Task<EpPhoto?> PhotoAsync(EpMep mep, string? knownETag, CancellationToken cancellationToken)
    {
        var bytes = Photo(mep.EpId);
        if (bytes is null) return Task.FromResult<EpPhoto?>(null);
        // A saved photo's validator is its content: the same photo twice is "not modified".
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
        return Task.FromResult<EpPhoto?>(etag == knownETag ? EpPhoto.Unchanged : new EpPhoto(bytes, etag, false));
    }

    protected static string Checked(string id) =>
        SafeId().IsMatch(id) ? id : throw new EpFormatException($"'{id}' is not an EP identifier.");

    private byte[] Read(string relative) => Find(relative) ?? throw new EpFormatException($"{relative} is missing.");
}

/// <summary>The API's answers saved as files in a folder (<c>import-ep --from DIR</c>).</summary>
public sealed class EpDirectory(string root) : EpSavedAnswers
{
    public override string Name => "files";

    protected override byte[]? Find(string relative)
    {
        var path = Path.Combine(root, relative);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }
}
