namespace MepCms.Web.Infrastructure.Markdown;

/// <summary>What the renderer refuses before parsing: too long, too deeply nested, too many table rows.</summary>
internal static class MarkdownLimits
{
    public const string TooDeepMessage = "The text is nested too deeply (quotes, lists, brackets or emphasis) to be shown.";
    /// <summary>Markdig's own depth limit, which large tables can meet as well as deep nesting.</summary>
    public const string ParserLimitMessage = "The text is nested too deeply, or one of its tables is too large, to be shown: simplify the nesting or split the table.";
    private const int MaximumNesting = 32;
    private const int MaximumTableRows = 1_000;
    private const int MaximumDelimiterRun = 128;

    /// <summary>
    /// Why the Markdown is refused, or null. Linear, and run before parsing: Markdig refuses deep
    /// nesting only after seconds of work on inputs such as 100,000 '>' or '[', so more than 32 quote
    /// or list markers opening one line, more than 32 unclosed '[', or a run of more than 128 '*',
    /// '_' or '~' are refused here. So are more than 1,000 table rows (lines with a '|'), which
    /// take seconds to parse and sanitise.
    /// </summary>
    public static string? Refusal(string markdown)
    {
        // Checked before any parsing: a 5 MB body costs nothing but this comparison.
        if (markdown.Length > Limits.Body)
        {
            return $"The text is too long: at most {Limits.Body:N0} characters.";
        }
        int brackets = 0, markers = 0, rows = 0, run = 0;
        bool lineStart = true, rowCounted = false;
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\n')
            {
                (lineStart, markers, rowCounted) = (true, 0, false);
                continue;
            }
            brackets = c == '[' ? brackets + 1 : c == ']' ? Math.Max(0, brackets - 1) : brackets;
            run = c is '*' or '_' or '~' && i > 0 && markdown[i - 1] == c ? run + 1 : 1;
            if (c == '|' && !rowCounted)
            {
                (rows, rowCounted) = (rows + 1, true);
            }
            if (lineStart && (c == '>' || (c is '-' or '*' or '+' && i + 1 < markdown.Length && markdown[i + 1] is ' ' or '\t')))
            {
                markers++;
            }
            else if (c is not (' ' or '\t'))
            {
                lineStart = false;
            }
            if (brackets > MaximumNesting || markers > MaximumNesting || run > MaximumDelimiterRun)
            {
                return TooDeepMessage;
            }
        }
        return rows > MaximumTableRows ? $"Tables are limited to {MaximumTableRows:N0} rows." : null;
    }
}
