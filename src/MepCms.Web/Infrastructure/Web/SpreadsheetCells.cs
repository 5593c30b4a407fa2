namespace MepCms.Web.Infrastructure.Web;

/// <summary>CSV injection: what a spreadsheet would run as a formula, defused (OWASP's advice).</summary>
public static class SpreadsheetCells
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Text starting with = + - @, a tab or a carriage return gets a leading apostrophe.</summary>
    public static string Defuse(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>The text of a cell <see cref="Defuse"/> wrote, as it was.</summary>
    public static string Undefuse(string text) => text.Length > 1 && text[0] == '\'' && FormulaStarts.Contains(text[1]) ? text[1..] : text;
}
