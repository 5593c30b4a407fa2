using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Web.Features.Meps;

/// <summary>Names of the EU member states, for the ISO 3166-1 codes stored on MEPs: English for the back office, the reader's language on public pages.</summary>
public static class Countries
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AT"] = "Austria", ["BE"] = "Belgium", ["BG"] = "Bulgaria", ["HR"] = "Croatia", ["CY"] = "Cyprus",
        ["CZ"] = "Czechia", ["DK"] = "Denmark", ["EE"] = "Estonia", ["FI"] = "Finland", ["FR"] = "France",
        ["DE"] = "Germany", ["GR"] = "Greece", ["HU"] = "Hungary", ["IE"] = "Ireland", ["IT"] = "Italy",
        ["LV"] = "Latvia", ["LT"] = "Lithuania", ["LU"] = "Luxembourg", ["MT"] = "Malta", ["NL"] = "Netherlands",
        ["PL"] = "Poland", ["PT"] = "Portugal", ["RO"] = "Romania", ["SK"] = "Slovakia", ["SI"] = "Slovenia",
        ["ES"] = "Spain", ["SE"] = "Sweden",
    };

    /// <summary>The member states, by name: the countries an MEP can be elected in.</summary>
    public static IEnumerable<(string Code, string Name)> All => Names.OrderBy(n => n.Value).Select(n => (n.Key, n.Value));

    public static bool IsMemberState(string? code) => code is { Length: 2 } && Names.ContainsKey(code);

    public static string Name(string code) => Names.TryGetValue(code, out var name) ? name : code.ToUpperInvariant();

    /// <summary>The member state's name in the current UI culture ("Nederland", "Pays-Bas"), as public pages show it.</summary>
    public static string NameForReaders(string code) =>
        IsMemberState(code) ? SiteText.Get("Country." + code.ToUpperInvariant()) : code.ToUpperInvariant();
}
