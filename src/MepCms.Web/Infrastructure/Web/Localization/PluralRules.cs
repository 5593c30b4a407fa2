namespace MepCms.Web.Infrastructure.Web.Localization;

/// <summary>The CLDR plural categories (cardinal).</summary>
public enum PluralCategory
{
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// <summary>
/// The CLDR cardinal plural rules of the 24 official EU languages, for whole numbers (counts of
/// ratings, statements, MEPs). Portuguese follows Portugal (pt-PT: only 1 is singular). The "many"
/// form of Spanish, French, Italian and Portuguese for exact millions is not used: a count of a
/// million takes the "other" form.
/// </summary>
public static class PluralRules
{
    public static PluralCategory Category(string language, int count)
    {
        var n = Math.Abs((long)count);
        var n10 = n % 10;
        var n100 = n % 100;
        return language switch
        {
            "fr" => n <= 1 ? PluralCategory.One : PluralCategory.Other,
            "cs" or "sk" => n == 1 ? PluralCategory.One : n is >= 2 and <= 4 ? PluralCategory.Few : PluralCategory.Other,
            "pl" => n == 1 ? PluralCategory.One
                : n10 is >= 2 and <= 4 && n100 is < 12 or > 14 ? PluralCategory.Few
                : PluralCategory.Many,
            "hr" => n10 == 1 && n100 != 11 ? PluralCategory.One
                : n10 is >= 2 and <= 4 && n100 is < 12 or > 14 ? PluralCategory.Few
                : PluralCategory.Other,
            "sl" => n100 switch { 1 => PluralCategory.One, 2 => PluralCategory.Two, 3 or 4 => PluralCategory.Few, _ => PluralCategory.Other },
            "lt" => n100 is >= 11 and <= 19 ? PluralCategory.Other
                : n10 == 1 ? PluralCategory.One
                : n10 >= 2 ? PluralCategory.Few
                : PluralCategory.Other,
            "lv" => n10 == 0 || n100 is >= 11 and <= 19 ? PluralCategory.Zero
                : n10 == 1 ? PluralCategory.One
                : PluralCategory.Other,
            "ga" => n switch
            {
                1 => PluralCategory.One,
                2 => PluralCategory.Two,
                >= 3 and <= 6 => PluralCategory.Few,
                >= 7 and <= 10 => PluralCategory.Many,
                _ => PluralCategory.Other,
            },
            "mt" => n == 1 ? PluralCategory.One
                : n == 2 ? PluralCategory.Two
                : n == 0 || n100 is >= 3 and <= 10 ? PluralCategory.Few
                : n100 is >= 11 and <= 19 ? PluralCategory.Many
                : PluralCategory.Other,
            "ro" => n == 1 ? PluralCategory.One
                : n == 0 || n100 is >= 1 and <= 19 ? PluralCategory.Few
                : PluralCategory.Other,
            _ => n == 1 ? PluralCategory.One : PluralCategory.Other,
        };
    }

    /// <summary>The categories a language's whole numbers fall into: the forms its resources must give.</summary>
    public static IReadOnlyList<PluralCategory> CategoriesOf(string language) => language switch
    {
        "cs" or "sk" or "hr" or "ro" => [PluralCategory.One, PluralCategory.Few, PluralCategory.Other],
        "pl" => [PluralCategory.One, PluralCategory.Few, PluralCategory.Many],
        "sl" => [PluralCategory.One, PluralCategory.Two, PluralCategory.Few, PluralCategory.Other],
        "lt" => [PluralCategory.One, PluralCategory.Few, PluralCategory.Other],
        "lv" => [PluralCategory.Zero, PluralCategory.One, PluralCategory.Other],
        "ga" or "mt" => [PluralCategory.One, PluralCategory.Two, PluralCategory.Few, PluralCategory.Many, PluralCategory.Other],
        _ => [PluralCategory.One, PluralCategory.Other],
    };
}
