using System.Security.Cryptography;
using System.Text;
using MepCms.Web.Features.Meps;

namespace MepCms.Web.Features.EpImport;

/// <summary>A committee seat as MepCms keeps it: the committee's code, the role and since when.</summary>
public sealed record EpSeat(string CommitteeEpId, string CommitteeCode, CommitteeRole Role, DateOnly? Since);

/// <summary>
/// An MEP as the import compares and writes it: the EP-owned fields only, resolved against the bodies
/// on a given day, in a stable order, with a hash of exactly those fields (unchanged hash, nothing to write).
/// </summary>
public sealed record EpRecord(string EpId, string FullName, string CountryCode, string PoliticalGroup, string NationalParty, string? PhotoUrl, IReadOnlyList<EpSeat> Seats)
{
    public static EpRecord From(EpMep mep, IReadOnlyDictionary<string, EpBody> bodies, DateOnly today)
    {
        var current = mep.Memberships.Where(m => m.IsCurrentOn(today)).ToList();
        string Label(string classification) =>
            current.Where(m => m.Classification == classification)
                .OrderByDescending(m => m.Since)
                .Select(m => bodies.TryGetValue(m.OrganizationId, out var body) ? body.Code : "")
                .FirstOrDefault() ?? "";
        var seats = current
            .Where(m => m.Classification.StartsWith(EpJsonLd.CommitteeClassificationPrefix, StringComparison.Ordinal))
            .Select(m => new EpSeat(m.OrganizationId, bodies.TryGetValue(m.OrganizationId, out var body) ? body.Code : m.OrganizationId, m.Role, m.Since))
            .OrderBy(s => s.CommitteeCode, StringComparer.Ordinal)
            .ThenByDescending(s => s.Role)
            .DistinctBy(s => s.CommitteeEpId)
            .ToList();
        var party = current.Where(m => m.Classification == EpJsonLd.NationalPartyClassification)
            .Select(m => bodies.TryGetValue(m.OrganizationId, out var body) && body.Names.TryGetValue("en", out var name) ? name : null)
            .FirstOrDefault(n => n is not null) ?? Label(EpJsonLd.NationalPartyClassification);
        return new EpRecord(mep.EpId, mep.FullName, mep.CountryCode, Label(EpJsonLd.GroupClassification), party, mep.PhotoUrl, seats);
    }

    /// <summary>SHA-256 (hex) of the normalised fields: the same record always gives the same hash.</summary>
    public string Hash
    {
        get
        {
            var text = new StringBuilder()
                .Append(EpId).Append('\n').Append(FullName).Append('\n').Append(CountryCode).Append('\n')
                .Append(PoliticalGroup).Append('\n').Append(NationalParty).Append('\n').Append(PhotoUrl).Append('\n');
            foreach (var seat in Seats)
                text.Append(seat.CommitteeEpId).Append('|').Append(seat.CommitteeCode).Append('|').Append((int)seat.Role).Append('|').Append(seat.Since?.ToString("yyyy-MM-dd")).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}
