using System.Globalization;
using System.Text;

namespace MepCms.Web.Features.Search;

/// <summary>
/// Ranks a full-text candidate by where the reader's words are, close to the way FTS5 reads text
/// here (`unicode61 remove_diacritics 2`): words are runs of letters and digits, compared without
/// case and accents, whole or (for a prefix search) as the start of a word. Every word in the title
/// ranks highest, then some of them in the title, then the lead; a match in the body alone ranks
/// last (docs/decisions/0011).
/// </summary>
public sealed class SearchWords
{
    private const int AllInTitle = 10, SomeInTitle = 5, InLead = 3;

    private readonly string[] _terms;
    private readonly bool _prefixes;
    private readonly bool _asciiTerms;

    public SearchWords(IEnumerable<string> terms, bool prefixes)
    {
        _terms = terms.Select(Fold).Where(t => t.Length > 0).Distinct().ToArray();
        _prefixes = prefixes;
        _asciiTerms = _terms.All(t => Ascii.IsValid(t));
    }

    public int Rank(string title, string lead)
    {
        var inTitle = Found(title);
        var rank = inTitle == _terms.Length && inTitle > 0 ? AllInTitle : 0;
        rank += inTitle > 0 ? SomeInTitle : 0;
        return rank + (Found(lead) > 0 ? InLead : 0);
    }

    /// <summary>
    /// How many of the terms the text holds (the text is folded once and scanned without copies).
    /// ASCII text and terms need no folding (ASCII folds to its lower case only): each term is
    /// looked for ignoring case, a vectorised search, and counted where it starts a word.
    /// </summary>
    private int Found(string text)
    {
        if (_asciiTerms && Ascii.IsValid(text))
        {
            var held = 0;
            foreach (var term in _terms)
            {
                held += HoldsAscii(text, term) ? 1 : 0;
            }
            return held;
        }
        var folded = Fold(text).AsSpan();
        Span<bool> hit = stackalloc bool[_terms.Length];
        var found = 0;
        var i = 0;
        while (i < folded.Length && found < _terms.Length)
        {
            while (i < folded.Length && !char.IsLetterOrDigit(folded[i]))
            {
                i++;
            }
            var start = i;
            while (i < folded.Length && char.IsLetterOrDigit(folded[i]))
            {
                i++;
            }
            var word = folded[start..i];
            for (var t = 0; t < _terms.Length && !word.IsEmpty; t++)
            {
                if (!hit[t] && (_prefixes ? word.StartsWith(_terms[t], StringComparison.Ordinal) : word.SequenceEqual(_terms[t])))
                {
                    hit[t] = true;
                    found++;
                }
            }
        }
        return found;
    }

    /// <summary>
    /// Whether ASCII text holds an ASCII term as a word, or as a word's start for a prefix search.
    /// A term is letters and digits only, so a match lies inside one word: it counts where no letter
    /// or digit comes before it and, for a whole word, none after it.
    /// </summary>
    private bool HoldsAscii(ReadOnlySpan<char> text, string term)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf(term, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }
            at += from;
            var end = at + term.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (_prefixes || end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
            from = at + 1;
        }
        return false;
    }

    /// <summary>
    /// The text cut into pieces, each word that starts with one of the terms (compared as the
    /// search compares them) marked, for highlighting the reader's words in the results.
    /// </summary>
    public IEnumerable<(string Text, bool Match)> Marks(string text)
    {
        static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var word = IsWordChar(text[i]);
            while (i < text.Length && IsWordChar(text[i]) == word)
            {
                i++;
            }
            var piece = text[start..i];
            if (!word)
            {
                yield return (piece, false);
                continue;
            }
            var folded = Fold(piece);
            yield return (piece, _terms.Any(t => folded.StartsWith(t, StringComparison.Ordinal)));
        }
    }

    /// <summary>Lower case without accents: "Žemaitė" → "zemaite".</summary>
    internal static string Fold(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(char.ToLowerInvariant(c));
            }
        }
        return kept.ToString().Normalize(NormalizationForm.FormC);
    }
}
