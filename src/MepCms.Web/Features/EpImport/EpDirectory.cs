using System.Text.RegularExpressions;

namespace MepCms.Web.Features.EpImport;

/// <summary>What reading a set of MEPs gave: the records, warnings (unknown roles) and an error per MEP that could not be read.</summary>
public sealed record EpReading(IReadOnlyList<EpRecord> Records, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// The API's answers saved as files under the API's own paths (<c>meps/show-current.json</c>,
/// <c>meps/{id}.json</c>, <c>corporate-bodies/{id}.json</c>, <c>mepphoto/{id}.jpg</c>), read through the same reader.
/// </summary>
public sealed partial class EpDirectory(string root)
{
    /// <summary>The EP's identifiers are short and plain; anything else never reaches a path.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex SafeId();

    public IReadOnlyList<EpRosterEntry> Roster() => EpJsonLd.ParseRoster(Read("meps/show-current.json"));

    public EpMep Mep(string id, ICollection<string> warnings) => EpJsonLd.ParseMep(Read($"meps/{Checked(id)}.json"), warnings);

    public EpBody Body(string id) => EpJsonLd.ParseBody(Read($"corporate-bodies/{Checked(id)}.json"));

    /// <summary>The saved photo's bytes, or null when none was saved.</summary>
    public byte[]? Photo(string id)
    {
        var path = Path.Combine(root, "mepphoto", $"{Checked(id)}.jpg");
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>Reads the MEPs and every body they name; an MEP or body that cannot be read is an error for that MEP, never a half record.</summary>
    public EpReading Read(IEnumerable<string> mepIds, DateOnly today)
    {
        var warnings = new List<string>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var meps = new List<EpMep>();
        foreach (var id in mepIds.Distinct(StringComparer.Ordinal))
        {
            try { meps.Add(Mep(id, warnings)); }
            catch (EpFormatException e) { errors[id] = e.Message; }
        }
        var bodies = new Dictionary<string, EpBody>(StringComparer.Ordinal);
        var records = new List<EpRecord>();
        foreach (var mep in meps)
        {
            try
            {
                foreach (var organization in mep.Memberships.Where(m => m.IsCurrentOn(today)).Select(m => m.OrganizationId))
                    if (!bodies.ContainsKey(organization)) bodies[organization] = Body(organization);
                records.Add(EpRecord.From(mep, bodies, today));
            }
            catch (EpFormatException e) { errors[mep.EpId] = e.Message; }
        }
        return new EpReading(records, warnings, errors);
    }

    private static string Checked(string id) =>
        SafeId().IsMatch(id) ? id : throw new EpFormatException($"'{id}' is not an EP identifier.");

    private byte[] Read(string relative)
    {
        var path = Path.Combine(root, relative);
        if (!File.Exists(path)) throw new EpFormatException($"{relative} is missing.");
        return File.ReadAllBytes(path);
    }
}
