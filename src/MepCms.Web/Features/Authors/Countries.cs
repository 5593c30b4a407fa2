namespace MepCms.Web.Features.Authors;

/// <summary>English names of the EU member states, for the ISO 3166-1 codes stored on MEPs.</summary>
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

    public static string Name(string code) => Names.TryGetValue(code, out var name) ? name : code.ToUpperInvariant();
}
