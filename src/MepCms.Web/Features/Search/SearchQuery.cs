using System.Globalization;
using System.Text;

namespace MepCms.Web.Features.Search;

/// <summary>
/// What a reader typed, made safe for the full-text engines: only words (letters, digits and
/// combining marks) survive, so no operator, quote, column filter or NEAR of either engine's
/// syntax can reach it. All words must match; each provider's index writes them in its own syntax
/// (each in its folder under Data/).
/// </summary>
public sealed record SearchQuery(string Text, IReadOnlyList<string> Terms)
{
    public const int MaxLength = 200;
    public const int MaxTerms = 8;
    public const int MaxTermLength = 40;

    public bool IsEmpty => Terms.Count == 0;

    public static SearchQuery Parse(string? input)
    {
        var text = new string((input ?? "").Normalize(NormalizationForm.FormC).Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
            if (char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1]; // never cut a character in two
            }
        }
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in (text + " ").EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                word.Append(rune.ToString());
                continue;
            }
            if (word.Length > 0 && terms.Count < MaxTerms)
            {
                var term = word.ToString().ToLowerInvariant();
                terms.Add(term.Length > MaxTermLength ? term[..MaxTermLength] : term);
            }
            word.Clear();
        }
        return new SearchQuery(text, terms.Distinct().ToList());
    }
}
