using MepCms.Web.Features.Committees;
using MepCms.Web.Features.Meps;

namespace MepCms.Web.Features.EpImport;

/// <summary>How the import compares MepCms with the EP's data: the preview's field-by-field differences.</summary>
internal static class EpComparison
{
    internal static EpMepPlan LeftPlan(Author author) =>
        new(EpMepChange.Left, author.EpId!, author.FullName, author.Id, author.Slug, [new EpFieldChange("Status", "Current MEP", "Former MEP")], null);

    /// <summary>The EP-owned fields that differ between MepCms and the EP (all of them for a new MEP).</summary>
    internal static List<EpFieldChange> Differences(Author? author, EpRecord record, IReadOnlyList<Committee> committees)
    {
        var changes = new List<EpFieldChange>();
        void Compare(string field, string? before, string after)
        {
            if (!string.Equals(before ?? "", after, StringComparison.Ordinal)) changes.Add(new EpFieldChange(field, before ?? "", after));
        }
        Compare("Name", author?.FullName, record.FullName);
        Compare("Country", author?.CountryCode, record.CountryCode);
        Compare("Political group", author?.PoliticalGroup, record.PoliticalGroup);
        Compare("National party", author?.NationalParty, record.NationalParty);
        var before = author is null ? "" : string.Join(", ", author.Memberships.Where(m => m.FromEp).OrderBy(m => m.Committee.Code, StringComparer.Ordinal)
            .Select(m => Seat(m.Committee.Code, m.Role, m.Since)));
        Compare("EP committees", before, Committees(record));
        if (author is not null && !author.IsActive) changes.Add(new EpFieldChange("Status", "Former MEP", "Current MEP"));
        if (record.PhotoUrl is not null && (author is null || author.PhotoPath is null)) changes.Add(new EpFieldChange("Photo", "", "EP photo"));
        return changes;
    }

    internal static string Committees(EpRecord record) => string.Join(", ", record.Seats.Select(s => Seat(s.CommitteeCode, s.Role, s.Since)));

    internal static string Seat(string code, CommitteeRole role, DateOnly? since) =>
        $"{code} {new CommitteeRoleLink("", "", code, role).RoleText.ToLowerInvariant()}{(since is { } d ? $" since {d:yyyy-MM-dd}" : "")}";

    /// <summary>The committees the read MEPs sit in that are new to MepCms or whose code or names the EP changed.</summary>
    internal static List<EpCommitteePlan> CommitteePlans(EpReading reading, List<EpMepPlan> meps, IReadOnlyList<Committee> committees)
    {
        var needed = meps.Where(m => m.Record is not null && m.Change != EpMepChange.Unchanged).SelectMany(m => m.Record!.Seats).Select(s => s.CommitteeEpId)
            .Concat(meps.Where(m => m.Change == EpMepChange.Unchanged).SelectMany(m => m.Record!.Seats).Select(s => s.CommitteeEpId))
            .Distinct(StringComparer.Ordinal);
        var plans = new List<EpCommitteePlan>();
        foreach (var id in needed.Order(StringComparer.Ordinal))
        {
            if (!reading.Bodies.TryGetValue(id, out var body)) continue;
            var name = Clip(body.Names.TryGetValue("en", out var english) ? english : body.Names.Values.FirstOrDefault() ?? body.Code);
            var committee = committees.FirstOrDefault(c => c.EpId == id) ?? committees.FirstOrDefault(c => c.EpId is null && string.Equals(c.Code, body.Code, StringComparison.OrdinalIgnoreCase));
            if (committee is null)
            {
                plans.Add(new EpCommitteePlan(true, id, body.Code, name, null, [new EpFieldChange("Name", "", name)], body));
                continue;
            }
            var fields = new List<EpFieldChange>();
            if (committee.EpId is null) fields.Add(new EpFieldChange("EP identifier", "", id));
            if (committee.Code != body.Code) fields.Add(new EpFieldChange("Code", committee.Code, body.Code));
            if (committee.Name != name) fields.Add(new EpFieldChange("Name", committee.Name, name));
            foreach (var (language, text) in body.Names.Where(n => LanguageCode(n.Key) is not null && n.Key != "en").OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                var known = committee.Names.FirstOrDefault(n => n.Language == LanguageCode(language))?.Name;
                if (known != Clip(text)) fields.Add(new EpFieldChange($"Name ({LanguageCode(language)})", known ?? "", Clip(text)));
            }
            if (fields.Count > 0) plans.Add(new EpCommitteePlan(false, id, body.Code, name, committee.Id, fields, body));
        }
        return plans;
    }

    /// <summary>An ISO 639-1 code of the language map, or null for anything else (the EP also uses "mul" and "zxx").</summary>
    internal static string? LanguageCode(string key) =>
        key.Length == 2 && key.All(char.IsAsciiLetterLower) ? key : null;

    internal static string Clip(string text, int length = Limits.Name) => text.Length <= length ? text : text[..length];
}
