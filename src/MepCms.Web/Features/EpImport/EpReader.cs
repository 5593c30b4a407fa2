namespace MepCms.Web.Features.EpImport;

/// <summary>What reading a set of MEPs gave: the records, the bodies they name, warnings (unknown roles) and an error per MEP that could not be read.</summary>
public sealed record EpReading(
    IReadOnlyList<EpRecord> Records,
    IReadOnlyList<EpMep> Meps,
    IReadOnlyDictionary<string, EpBody> Bodies,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, string> Errors);

/// <summary>Reads MEPs and every body they sit in from any <see cref="IEpSource"/>.</summary>
public static class EpReader
{
    /// <summary>
    /// Reads the MEPs and every body current on <paramref name="today"/>. An MEP or body that cannot be read is
    /// an error for that MEP, never a half record; an unreachable source throws <see cref="EpUnavailableException"/>.
    /// </summary>
    public static async Task<EpReading> ReadAsync(IEpSource source, IEnumerable<string> mepIds, DateOnly today, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var meps = new List<EpMep>();
        foreach (var id in mepIds.Distinct(StringComparer.Ordinal))
        {
            try { meps.Add(await source.MepAsync(id, warnings, cancellationToken)); }
            catch (EpFormatException e) { errors[id] = e.Message; }
        }
        var bodies = new Dictionary<string, EpBody>(StringComparer.Ordinal);
        var failedBodies = new Dictionary<string, string>(StringComparer.Ordinal);
        var records = new List<EpRecord>();
        var read = new List<EpMep>();
        foreach (var mep in meps)
        {
            string? error = null;
            foreach (var organization in mep.Memberships.Where(m => m.IsCurrentOn(today)).Select(m => m.OrganizationId).Distinct(StringComparer.Ordinal))
            {
                if (bodies.ContainsKey(organization)) continue;
                if (failedBodies.TryGetValue(organization, out var known)) { error = known; break; }
                try { bodies[organization] = await source.BodyAsync(organization, cancellationToken); }
                catch (EpFormatException e) { failedBodies[organization] = error = e.Message; break; }
            }
            if (error is not null)
            {
                errors[mep.EpId] = error;
                continue;
            }
            records.Add(EpRecord.From(mep, bodies, today));
            read.Add(mep);
        }
        return new EpReading(records, read, bodies, warnings, errors);
    }
}
