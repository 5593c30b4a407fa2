using System.Globalization;
using System.Text;

namespace MepCms.Web.Infrastructure.Security;

/// <summary>Cleaning of text typed into forms, before it is stored.</summary>
public static class TextInput
{
    private const char Replacement = '\uFFFD';

    /// <summary>
    /// NUL and lone UTF-16 surrogates become U+FFFD (as CommonMark does for NUL), so the text
    /// encodes to valid UTF-8 and SQLite and SQL Server store the same characters.
    /// </summary>
    public static string ReplaceInvalid(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c != '\0' && (!char.IsSurrogate(c)
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])));
            if (char.IsHighSurrogate(c) && valid)
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (!valid && clean is null)
            {
                clean = new StringBuilder(text.Length).Append(text, 0, i);
            }
            clean?.Append(valid ? c : Replacement);
        }
        return clean?.ToString() ?? text;
    }

    /// <summary>
    /// A one-line field (title, name, lead): invalid characters replaced, control and invisible
    /// format characters (bidi overrides U+202A–202E and isolates U+2066–2069, zero-width U+200B)
    /// removed, whitespace runs collapsed, NFC-normalised ("Mu\u0308ller" and "Müller" are one name).
    /// </summary>
    public static string CleanLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in ReplaceInvalid(text).Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category is UnicodeCategory.Control)
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else if (category is not UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Trim();
    }
}
