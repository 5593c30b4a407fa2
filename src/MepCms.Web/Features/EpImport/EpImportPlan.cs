using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MepCms.Web.Features.Account;

namespace MepCms.Web.Features.EpImport;

/// <summary>What the import is asked to do: these MEPs, or every current MEP.</summary>
public sealed record EpImportRequest(IReadOnlyList<string> MepIds, bool AllCurrent)
{
    public static EpImportRequest All { get; } = new([], true);
}

/// <summary>Who runs the import, as the audit log names them: a user, the command line or the daily schedule.</summary>
public sealed record EpImportActor(string? UserId, string UserName)
{
    public static EpImportActor CommandLine { get; } = new(null, "import-ep (command line)");
    public static EpImportActor Schedule { get; } = new(null, "EP import (daily schedule)");

    public static EpImportActor From(ClaimsPrincipal user) => new(user.Id(), user.Identity?.Name ?? "");
}

public enum EpMepChange
{
    /// <summary>Not in MepCms yet: will be created.</summary>
    New,
    /// <summary>A hand-made MEP with the same name and country: will be linked (EP id set, EP fields refreshed), never duplicated.</summary>
    Link,
    /// <summary>Imported before, the EP's data differs: the EP-owned fields will be refreshed.</summary>
    Changed,
    /// <summary>Imported before, nothing differs: nothing is written.</summary>
    Unchanged,
    /// <summary>Imported before and no longer on the EP's roster of current MEPs: will be marked as a former MEP.</summary>
    Left,
}

/// <summary>One field as it is and as it will be.</summary>
public sealed record EpFieldChange(string Field, string Before, string After);

/// <summary>One MEP in the preview.</summary>
public sealed record EpMepPlan(EpMepChange Change, string EpId, string FullName, int? AuthorId, string? Slug, IReadOnlyList<EpFieldChange> Fields, EpRecord? Record);

/// <summary>One committee in the preview: created, or its code or names refreshed (the names per language).</summary>
public sealed record EpCommitteePlan(bool IsNew, string EpId, string Code, string Name, int? CommitteeId, IReadOnlyList<EpFieldChange> Fields, EpBody Body);

/// <summary>
/// The preview: what applying would write, field by field, and what could not be read. Nothing is written
/// to build it. <see cref="Fingerprint"/> changes whenever anything the apply would write changes.
/// </summary>
public sealed record EpImportPlan(
    string Source,
    IReadOnlyList<EpMepPlan> Meps,
    IReadOnlyList<EpCommitteePlan> Committees,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<EpMep> Read)
{
    public int Count(EpMepChange change) => Meps.Count(m => m.Change == change);

    /// <summary>True when applying would write something.</summary>
    public bool HasChanges => Meps.Any(m => m.Change != EpMepChange.Unchanged) || Committees.Count > 0;

    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder();
            foreach (var mep in Meps.OrderBy(m => m.EpId, StringComparer.Ordinal))
                text.Append(mep.EpId).Append('|').Append(mep.Change).Append('|').Append(mep.AuthorId).Append('|').Append(mep.Record?.Hash).Append('\n');
            foreach (var committee in Committees.OrderBy(c => c.EpId, StringComparer.Ordinal))
                text.Append(committee.EpId).Append('|').Append(committee.CommitteeId).Append('|')
                    .AppendJoin(';', committee.Fields.Select(f => f.Field + "=" + f.After)).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
        }
    }

    /// <summary>One line for people and logs: "2 new, 1 linked, 3 changed, 40 unchanged, 1 left, 0 errors; 2 committees".</summary>
    public string Summary =>
        $"{Count(EpMepChange.New)} new, {Count(EpMepChange.Link)} linked, {Count(EpMepChange.Changed)} changed, " +
        $"{Count(EpMepChange.Unchanged)} unchanged, {Count(EpMepChange.Left)} left, {Errors.Count} {(Errors.Count == 1 ? "error" : "errors")}; " +
        $"{Committees.Count} {(Committees.Count == 1 ? "committee" : "committees")} new or changed";
}

/// <summary>What applying did: the plan it wrote (read again at apply time) and how many photos it stored.</summary>
public sealed record EpImportResult(EpImportPlan Plan, int PhotosStored, IReadOnlyList<string> PhotoWarnings);
