namespace MepCms.Web.Infrastructure.Web;

/// <summary>The 24 official languages of the European Union: ISO 639-1 code and the language's own name.</summary>
public static class EuLanguages
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("bg", "български"), ("cs", "čeština"), ("da", "dansk"), ("de", "Deutsch"), ("el", "Ελληνικά"),
        ("en", "English"), ("es", "español"), ("et", "eesti"), ("fi", "suomi"), ("fr", "français"),
        ("ga", "Gaeilge"), ("hr", "hrvatski"), ("hu", "magyar"), ("it", "italiano"), ("lt", "lietuvių"),
        ("lv", "latviešu"), ("mt", "Malti"), ("nl", "Nederlands"), ("pl", "polski"), ("pt", "português"),
        ("ro", "română"), ("sk", "slovenčina"), ("sl", "slovenščina"), ("sv", "svenska"),
    ];

    public static bool IsOfficial(string? code) => code is { Length: 2 } && All.Any(l => l.Code == code);

    /// <summary>The language's own name (`Nederlands`), or the code itself when it is not an official language.</summary>
    public static string NameOf(string code) => All.FirstOrDefault(l => l.Code == code).Name ?? code;
}

/// <summary>A form field that must hold the code of an official EU language (`nl`, not `xx` or `NL`).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OfficialLanguageAttribute() : System.ComponentModel.DataAnnotations.ValidationAttribute(Message)
{
    public const string Message = "Choose one of the 24 official languages of the European Union.";

    public override bool IsValid(object? value) => value is null || EuLanguages.IsOfficial(value as string);
}
