using System.Text.RegularExpressions;
using MepCms.Web.Features.EpImport;

namespace MepCms.Web.Features.Admin.Import;

/// <summary>The import form: MEPs ticked in the roster search or typed, or all current MEPs; on apply, the previewed plan's fingerprint and upload.</summary>
public sealed partial class ImportForm
{
    /// <summary>The most MEPs one import names (the Parliament has 720).</summary>
    public const int MaxMeps = 1_000;

    /// <summary>EP identifiers ticked in the roster search.</summary>
    public List<string> Mep { get; set; } = [];

    /// <summary>EP identifiers typed, separated by commas or spaces ("1294, 197403").</summary>
    public string? IdList { get; set; }

    public bool All { get; set; }

    /// <summary>The token of the uploaded answers the preview was made from.</summary>
    public string? Upload { get; set; }

    public string? Fingerprint { get; set; }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex PlainId();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Token();

    [GeneratedRegex(@"[\s,;]+")]
    private static partial Regex Separators();

    /// <summary>The identifiers named, in order, once each.</summary>
    public List<string> Ids => Mep.Concat(Separators().Split(IdList ?? "")).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What the form asks for; (null, null) when it names no MEP; a problem for people when it cannot be read.</summary>
    public (EpImportRequest? Request, string? Problem) Request()
    {
        var ids = Ids;
        if (ids.FirstOrDefault(i => !PlainId().IsMatch(i)) is { } bad) return (null, $"“{Clip(bad)}” is not an EP identifier: identifiers are numbers such as 1294.");
        if (ids.Count > MaxMeps) return (null, $"Name at most {MaxMeps} MEPs at once, or choose all current MEPs.");
        if (Upload is not null && !Token().IsMatch(Upload)) return (null, "The uploaded files are not known here: upload them again.");
        if (All && ids.Count > 0) return (null, "Choose some MEPs or all current MEPs, not both.");
        if (All) return (EpImportRequest.All, null);
        return ids.Count == 0 ? (null, null) : (new EpImportRequest(ids, false), null);
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>One MEP of the EP's roster matching the search; <see cref="Imported"/> when MepCms already knows them.</summary>
public sealed record RosterMatch(string EpId, string FullName, bool Imported);

public sealed record ImportIndexViewModel
{
    public string Query { get; init; } = "";
    public IReadOnlyList<RosterMatch>? Matches { get; init; }
    public string? Problem { get; init; }
    public string? Flash { get; init; }
    public bool Online { get; init; }
}

/// <summary>The preview, with what the Apply form posts back.</summary>
public sealed record ImportPreviewViewModel(EpImportPlan Plan, string Ids, bool All, string? Upload, string? Message);
