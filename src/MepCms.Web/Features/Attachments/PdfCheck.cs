using System.Globalization;

namespace MepCms.Web.Features.Attachments;

/// <summary>What the check found: null <see cref="Problem"/> when the document may be published; its page count when it could be read.</summary>
public sealed record PdfReport(string? Problem, int? Pages);

/// <summary>
/// Decides whether an upload is a plain PDF document we are willing to serve (decision 0210): a
/// PDF 1.0–1.7 or 2.0 header, a cross-reference table or stream where <c>startxref</c> says, an
/// end-of-file marker, no encryption, and none of the names that make a PDF act (scripts, embedded
/// files, launching programs, actions that run by themselves, forms that post, rich media) — names
/// read with their #xx escapes decoded, everywhere outside stream data, in any object hidden inside
/// stream data, and inside every object stream once its filters are undone (within a budget).
/// Image and font data are not unpacked: objects cannot live there, and their bytes would only give
/// false alarms.
/// </summary>
public static class PdfCheck
{
    public const string NotAPdf = "The file is not a PDF document. Attach the signed letter, speech or resolution as a PDF file.";
    public const string Damaged = "The PDF is damaged: its table of contents (cross-reference table) is missing or not where the file says. Open it and save or print it again as a PDF, then attach that.";
    public const string Encrypted = "The PDF is protected (encrypted or with a password), so its content cannot be checked and not every reader can open it. Save or print an unprotected copy and attach that.";
    public const string Active = "The PDF contains {0}, which we do not publish. Save or print it again as a plain PDF (without scripts, attachments or actions) and attach that.";
    public const string TooComplex = "The PDF could not be checked: part of it cannot be unpacked, or it unpacks to far more data than its size suggests. Save or print it again as a plain PDF.";

    /// <summary>All object streams of one file together never unpack to more than this.</summary>
    private const long DecodeBudget = 64 * 1024 * 1024;

    private static readonly Dictionary<string, string> Forbidden = new(StringComparer.Ordinal)
    {
        ["JavaScript"] = "JavaScript", ["JS"] = "JavaScript", ["OnInstantiate"] = "JavaScript",
        ["EmbeddedFile"] = "embedded files", ["EmbeddedFiles"] = "embedded files", ["EF"] = "embedded files", ["FileAttachment"] = "embedded files",
        ["GoToE"] = "links into embedded files", ["Launch"] = "an action that launches a program", ["AA"] = "actions that run by themselves",
        ["RichMedia"] = "rich media (Flash or video)", ["XFA"] = "an XFA form", ["SubmitForm"] = "a form that sends data", ["ImportData"] = "an action that imports data",
    };

    /// <summary>Null when the document may be published; otherwise the message for the person who uploaded it.</summary>
    public static string? Problem(byte[] content) => Inspect(content).Problem;

    public static PdfReport Inspect(byte[] content)
    {
        var tail = content.AsSpan(Math.Max(0, content.Length - 2048));
        if (HeaderAt(content) is not { } header || tail.IndexOf("%%EOF"u8) < 0 || tail.IndexOf("startxref"u8) < 0)
        {
            return new(NotAPdf, null);
        }
        var streams = PdfLayout.Streams(content, out var unreadable);
        if (unreadable)
        {
            return new(TooComplex, null);
        }
        if (!CrossReferenceFound(content, header))
        {
            return new(Damaged, null);
        }
        var scanned = PdfLayout.ScannedRanges(content, streams);
        if (scanned.Any(r => FindName(content.AsSpan(r.Start, r.Length), n => n == "Encrypt") is not null))
        {
            return new(Encrypted, null);
        }
        foreach (var (start, length) in scanned)
        {
            if (FindName(content.AsSpan(start, length), Forbidden.ContainsKey) is { } name)
            {
                return new(string.Format(CultureInfo.InvariantCulture, Active, Forbidden[name]), null);
            }
        }
        var pages = new PdfPageCount();
        pages.ReadTopLevel(content, scanned);
        var filters = new PdfFilters(DecodeBudget);
        foreach (var stream in streams.Where(s => s.IsObjectStream))
        {
            if (filters.Decode(content.AsSpan(stream.DataStart, stream.DataEnd - stream.DataStart), stream.Dictionary) is not { } objects)
            {
                return new(TooComplex, null);
            }
            if (FindName(objects, n => Forbidden.ContainsKey(n) || n == "Encrypt") is { } name)
            {
                return new(name == "Encrypt" ? Encrypted : string.Format(CultureInfo.InvariantCulture, Active, Forbidden[name]), null);
            }
            pages.ReadObjectStream(objects, stream);
        }
        return new(null, pages.Count);
    }

    /// <summary>Where "%PDF-1.x" (x ≤ 7) or "%PDF-2.0" starts, in the first kilobyte as readers allow; null without one.</summary>
    private static int? HeaderAt(byte[] content)
    {
        var at = content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF-"u8);
        if (at < 0 || at + 8 > content.Length || (at + 8 < content.Length && char.IsAsciiDigit((char)content[at + 8])))
        {
            return null;
        }
        var version = content.AsSpan(at + 5, 3);
        var known = (version[0] == '1' && version[1] == '.' && version[2] is >= (byte)'0' and <= (byte)'7') || version.SequenceEqual("2.0"u8);
        return known ? at : null;
    }

    /// <summary>
    /// The last <c>startxref</c> points at an <c>xref</c> table followed by a trailer, or at an
    /// object that is a cross-reference stream; offsets may count from the header when bytes precede it.
    /// </summary>
    private static bool CrossReferenceFound(byte[] content, int header)
    {
        var tailStart = Math.Max(0, content.Length - 2048);
        var keyword = content.AsSpan(tailStart).LastIndexOf("startxref"u8);
        if (keyword < 0)
        {
            return false;
        }
        var syntax = new PdfSyntax(content, tailStart + keyword + 9, content.Length);
        if (syntax.ReadValue() is not PdfNumber { Integer: { } offset })
        {
            return false;
        }
        return XrefAt(content, offset) || (header > 0 && XrefAt(content, offset + header));
    }

    private static bool XrefAt(byte[] content, long offset)
    {
        if (offset < 0 || offset >= content.Length)
        {
            return false;
        }
        var syntax = new PdfSyntax(content, (int)offset, content.Length);
        syntax.SkipWhite();
        var rest = content.AsSpan(syntax.Position);
        if (rest.StartsWith("xref"u8))
        {
            return rest.IndexOf("trailer"u8) >= 0;
        }
        // "12 0 obj << /Type /XRef … >> stream"
        return syntax.ReadValue() is PdfNumber && syntax.ReadValue() is PdfNumber && syntax.ReadValue() is PdfOther { Keyword: "obj" }
            && syntax.ReadValue() is PdfDictionary dictionary && dictionary.NameOf("Type") == "XRef";
    }

    /// <summary>The first name (escapes decoded) that <paramref name="matches"/>, or null.</summary>
    internal static string? FindName(ReadOnlySpan<byte> bytes, Func<string, bool> matches)
    {
        for (var i = bytes.IndexOf((byte)'/'); i >= 0 && i < bytes.Length; )
        {
            var (name, next) = PdfSyntax.ReadName(bytes, i + 1);
            if (name.Length > 0 && matches(name))
            {
                return name;
            }
            var following = bytes[next..].IndexOf((byte)'/');
            i = following < 0 ? -1 : next + following;
        }
        return null;
    }
}
