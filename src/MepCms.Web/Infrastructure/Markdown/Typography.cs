using System.Text;

namespace MepCms.Web.Infrastructure.Markdown;

/// <summary>A language's quotation marks: the outer pair, and the pair used inside them.</summary>
public sealed record QuoteStyle(string OpenDouble, string CloseDouble, string OpenSingle, string CloseSingle);

/// <summary>
/// Typographic punctuation for titles and leads, as Markdig's SmartyPants gives bodies: quotation
/// marks in the language's own style (“English”, „Deutsch“, « français », „polski”, ”svenska”),
/// apostrophes, en and em dashes, and ellipses. Applied when a statement is saved, so every place
/// that shows a title (page, lists, feeds, e-mails, share cards) shows the same text.
/// </summary>
public static class Typography
{
    /// <summary>French sets a narrow no-break space inside guillemets.</summary>
    private const char NarrowNoBreakSpace = '\u202F';

    private static readonly QuoteStyle English = new("“", "”", "‘", "’");
    private static readonly QuoteStyle LowHigh = new("„", "“", "‚", "‘");
    private static readonly QuoteStyle LowRight = new("„", "”", "«", "»");
    private static readonly QuoteStyle Guillemets = new("«", "»", "“", "”");
    private static readonly QuoteStyle French = new("«" + NarrowNoBreakSpace, NarrowNoBreakSpace + "»", "“", "”");
    private static readonly QuoteStyle Nordic = new("”", "”", "’", "’");
    private static readonly QuoteStyle Danish = new("»", "«", "›", "‹");

    /// <summary>The quotation marks of an EU language (ISO 639-1); English for any other.</summary>
    public static QuoteStyle QuotesFor(string? language) => language switch
    {
        "de" or "cs" or "sk" or "sl" or "et" or "lt" or "bg" => LowHigh,
        "pl" or "ro" or "hu" or "hr" or "lv" => LowRight,
        "fr" => French,
        "it" or "es" or "pt" or "el" => Guillemets,
        "sv" or "fi" => Nordic,
        "da" => Danish,
        _ => English,
    };

    /// <summary>
    /// <paramref name="text"/> with straight quotes made typographic in <paramref name="language"/>'s
    /// style, apostrophes curled, "--" and a spaced hyphen made en dashes, "---" an em dash and "..."
    /// an ellipsis. Marks already typographic are left as they are, so it may run on its own output.
    /// </summary>
    public static string Smarten(string text, string? language)
    {
        if (text.AsSpan().IndexOfAny("\"'-.") < 0)
        {
            return text;
        }
        var quotes = QuotesFor(language);
        var output = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var before = i > 0 ? text[i - 1] : ' ';
            var after = i + 1 < text.Length ? text[i + 1] : ' ';
            switch (c)
            {
                case '"':
                    output.Append(Opens(before) ? quotes.OpenDouble : quotes.CloseDouble);
                    break;
                case '\'' when char.IsLetterOrDigit(before) && char.IsLetter(after):
                    output.Append('’'); // it's, l'Union, dell'Unione
                    break;
                case '\'':
                    output.Append(Opens(before) ? quotes.OpenSingle : quotes.CloseSingle);
                    break;
                case '-' when i + 2 < text.Length && text[i + 1] == '-' && text[i + 2] == '-':
                    output.Append('—');
                    i += 2;
                    break;
                case '-' when after == '-':
                    output.Append('–');
                    i++;
                    break;
                case '-' when before == ' ' && after == ' ':
                    output.Append('–'); // "Brussels - the vote" → "Brussels – the vote"
                    break;
                case '.' when i + 2 < text.Length && text[i + 1] == '.' && text[i + 2] == '.':
                    output.Append('…');
                    i += 2;
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
        // A guillemet typed with an ordinary space beside it keeps one space, the narrow one.
        return quotes == French
            ? output.Replace("« " + NarrowNoBreakSpace, "«" + NarrowNoBreakSpace).Replace(NarrowNoBreakSpace + " »", NarrowNoBreakSpace + "»").ToString()
            : output.ToString();
    }

    /// <summary>Only the apostrophes of <paramref name="text"/> curled: a straight quote between a letter or digit and a letter.</summary>
    public static string Apostrophes(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 1; i < chars.Length - 1; i++)
        {
            if (chars[i] == '\'' && char.IsLetterOrDigit(chars[i - 1]) && char.IsLetter(chars[i + 1]))
            {
                chars[i] = '’';
            }
        }
        return new string(chars);
    }

    /// <summary>A quotation mark after a space, an opening bracket or a dash opens a quotation.</summary>
    private static bool Opens(char before) => char.IsWhiteSpace(before) || before is '(' or '[' or '{' or '–' or '—' or '/';
}
