using System.Globalization;
using System.Text.Json;
using MepCms.Web.Features.Meps;

namespace MepCms.Web.Features.EpImport;

/// <summary>A membership as the European Parliament publishes it: a body, its kind, a role and a period.</summary>
public sealed record EpMembership(string OrganizationId, string Classification, CommitteeRole Role, DateOnly? Since, DateOnly? Until)
{
    public bool IsCurrentOn(DateOnly day) => (Since is null || Since <= day) && (Until is null || Until >= day);
}

/// <summary>One MEP from <c>meps/{id}</c>.</summary>
public sealed record EpMep(string EpId, string FullName, string CountryCode, string? PhotoUrl, IReadOnlyList<EpMembership> Memberships);

/// <summary>One body from <c>corporate-bodies/{id}</c> (a committee, a political group, a national party).</summary>
public sealed record EpBody(string EpId, string Code, string Classification, IReadOnlyDictionary<string, string> Names);

/// <summary>One line of <c>meps/show-current</c>.</summary>
public sealed record EpRosterEntry(string EpId, string FullName);

/// <summary>The EP's answer was not JSON, or not the shape an MEP or a body has.</summary>
public sealed class EpFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads the JSON-LD the EP open data API (v2) serves. Tolerant by design: the same key comes as a
/// string, an array, an <c>{"@id": …}</c> object or a language map depending on the endpoint, so every
/// value goes through <see cref="Text"/> or <see cref="Names"/>. What it cannot use it reports, never guesses.
/// </summary>
public static class EpJsonLd
{
    public const string GroupClassification = "EU_POLITICAL_GROUP";
    public const string NationalPartyClassification = "NATIONAL_POLITICAL_GROUP";
    public const string CommitteeClassificationPrefix = "COMMITTEE_PARLIAMENTARY";

    private static readonly Dictionary<string, CommitteeRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MEMBER"] = CommitteeRole.Member,
        ["MEMBER_SUBSTITUTE"] = CommitteeRole.Substitute,
        ["SUBSTITUTE"] = CommitteeRole.Substitute,
        ["CHAIR_VICE"] = CommitteeRole.ViceChair,
        ["VICE_CHAIR"] = CommitteeRole.ViceChair,
        ["CHAIR"] = CommitteeRole.Chair,
    };

    // The EU's authority table names countries by ISO 3166-1 alpha-3; MepCms stores alpha-2.
    private static readonly Dictionary<string, string> Alpha3 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AUT"] = "AT", ["BEL"] = "BE", ["BGR"] = "BG", ["HRV"] = "HR", ["CYP"] = "CY", ["CZE"] = "CZ",
        ["DNK"] = "DK", ["EST"] = "EE", ["FIN"] = "FI", ["FRA"] = "FR", ["DEU"] = "DE", ["GRC"] = "GR",
        ["HUN"] = "HU", ["IRL"] = "IE", ["ITA"] = "IT", ["LVA"] = "LV", ["LTU"] = "LT", ["LUX"] = "LU",
        ["MLT"] = "MT", ["NLD"] = "NL", ["POL"] = "PL", ["PRT"] = "PT", ["ROU"] = "RO", ["SVK"] = "SK",
        ["SVN"] = "SI", ["ESP"] = "ES", ["SWE"] = "SE",
    };

    /// <summary>Reads <c>meps/{id}</c>. Unknown roles become Member and are added to <paramref name="warnings"/>.</summary>
    public static EpMep ParseMep(ReadOnlySpan<byte> json, ICollection<string> warnings)
    {
        using var document = Parse(json);
        var node = Single(document.RootElement, "an MEP");
        var id = Id(Prop(node, "identifier")) ?? Id(Prop(node, "id")) ?? Id(Prop(node, "@id"))
            ?? throw new EpFormatException("The MEP has no identifier.");
        var given = Text(Prop(node, "givenName"));
        var family = Text(Prop(node, "familyName"));
        var name = given is not null && family is not null ? $"{given} {family}" : Text(Prop(node, "label"))
            ?? throw new EpFormatException($"MEP {id} has no name.");
        var country = Country(Text(Prop(node, "citizenship")))
            ?? throw new EpFormatException($"MEP {id} has no citizenship of a member state.");
        var memberships = Items(Prop(node, "hasMembership")).Select(m => Membership(m, id, warnings)).OfType<EpMembership>().ToList();
        return new EpMep(id, name.Trim(), country, Text(Prop(node, "img")), memberships);
    }

    /// <summary>Reads <c>corporate-bodies/{id}</c>.</summary>
    public static EpBody ParseBody(ReadOnlySpan<byte> json)
    {
        using var document = Parse(json);
        var node = Single(document.RootElement, "a body");
        var id = Id(Prop(node, "id")) ?? Id(Prop(node, "@id")) ?? Id(Prop(node, "identifier"))
            ?? throw new EpFormatException("The body has no identifier.");
        var code = Text(Prop(node, "label")) ?? Text(Prop(node, "identifier")) ?? id;
        var names = Names(Prop(node, "prefLabel"));
        if (names.Count == 0) names = Names(Prop(node, "altLabel"));
        return new EpBody(id, code.Trim(), LastSegment(Text(Prop(node, "classification")) ?? ""), names);
    }

    /// <summary>Reads <c>meps/show-current</c>: identifiers and names only.</summary>
    public static IReadOnlyList<EpRosterEntry> ParseRoster(ReadOnlySpan<byte> json)
    {
        using var document = Parse(json);
        var data = Data(document.RootElement);
        return Items(data)
            .Select(e => (Id: Id(Prop(e, "identifier")) ?? Id(Prop(e, "id")), Name: Text(Prop(e, "label"))))
            .Where(e => e.Id is not null && e.Name is not null)
            .Select(e => new EpRosterEntry(e.Id!, e.Name!.Trim()))
            .ToList();
    }

    /// <summary>A single value: a string, the first useful item of an array, an <c>@id</c>/<c>@value</c>, or a language map (English first).</summary>
    public static string? Text(JsonElement? value)
    {
        if (value is not { } element) return null;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var s = element.GetString();
                return string.IsNullOrWhiteSpace(s) ? null : s;
            case JsonValueKind.Number:
                return element.GetRawText();
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(e => Text(e)).FirstOrDefault(t => t is not null);
            case JsonValueKind.Object:
                if (Prop(element, "@id") is { } at) return Text(at);
                if (Prop(element, "@value") is { } v) return Text(v);
                if (Prop(element, "id") is { } plainId) return Text(plainId);
                var names = Names(element);
                return names.TryGetValue("en", out var en) ? en : names.Values.FirstOrDefault();
            default:
                return null;
        }
    }

    /// <summary>A language map (<c>{"en": …, "fr": …}</c>, or an array of <c>@language</c>/<c>@value</c>) as language code → text.</summary>
    public static IReadOnlyDictionary<string, string> Names(JsonElement? value)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (value is not { } element) return names;
        if (element.ValueKind == JsonValueKind.Object && Prop(element, "@language") is { } language)
        {
            if (Text(language) is { } code && Text(Prop(element, "@value")) is { } text) names.TryAdd(Language(code), text.Trim());
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.StartsWith('@') || property.Name.Length is < 2 or > 3) continue;
                if (Text(property.Value) is { } text) names.TryAdd(Language(property.Name), text.Trim());
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (var (code, text) in Names(item)) names.TryAdd(code, text);
        }
        return names;
    }

    private static string Language(string code) => code.ToLowerInvariant();

    private static EpMembership? Membership(JsonElement m, string mepId, ICollection<string> warnings)
    {
        if (m.ValueKind != JsonValueKind.Object) return null;
        var organization = Id(Prop(m, "organization"));
        if (organization is null) return null;
        var classification = LastSegment(Text(Prop(m, "membershipClassification")) ?? "");
        var rawRole = LastSegment(Text(Prop(m, "role")) ?? "MEMBER");
        if (!Roles.TryGetValue(rawRole, out var role))
        {
            role = CommitteeRole.Member;
            warnings.Add($"MEP {mepId}: role '{rawRole}' in body {organization} is not known; imported as member.");
        }
        var period = Prop(m, "memberDuring");
        if (period is { ValueKind: JsonValueKind.Array } list) period = list.EnumerateArray().FirstOrDefault();
        return new EpMembership(organization, classification, role, Date(Prop(period, "startDate")), Date(Prop(period, "endDate")));
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new EpFormatException($"The answer is not valid JSON ({e.Message}).", e);
        }
    }

    private static JsonElement Data(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
            ? Prop(root, "data") ?? Prop(root, "@graph") ?? root
            : root;

    private static JsonElement Single(JsonElement root, string what)
    {
        var data = Data(root);
        var item = data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().FirstOrDefault() : data;
        if (item.ValueKind != JsonValueKind.Object) throw new EpFormatException($"The answer does not hold {what}.");
        return item;
    }

    private static IEnumerable<JsonElement> Items(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        { ValueKind: JsonValueKind.Object } one => [one],
        _ => [],
    };

    private static JsonElement? Prop(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>An identifier from "124936", "person/124936" or a full URI: the last path segment.</summary>
    private static string? Id(JsonElement? value) => Text(value) is { } text ? LastSegment(text) : null;

    private static string LastSegment(string text)
    {
        var trimmed = text.Trim().TrimEnd('/');
        var cut = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('#'));
        return cut >= 0 ? trimmed[(cut + 1)..] : trimmed;
    }

    private static string? Country(string? citizenship)
    {
        if (citizenship is null) return null;
        var code = LastSegment(citizenship);
        if (Alpha3.TryGetValue(code, out var alpha2)) return alpha2;
        return Countries.IsMemberState(code) ? code.ToUpperInvariant() : null;
    }

    private static DateOnly? Date(JsonElement? value) =>
        Text(value) is { Length: >= 10 } text && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
}
