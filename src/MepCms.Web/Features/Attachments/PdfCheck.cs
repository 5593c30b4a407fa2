using System.IO.Compression;
using System.Text;

namespace MepCms.Web.Features.Attachments;

/// <summary>
/// Decides whether an upload is a plain PDF document we are willing to serve: a PDF header, a
/// cross-reference table or stream and an end-of-file marker, and none of the features that make
/// a PDF do things (scripts, embedded files, launching programs, actions run on open, forms that
/// post, rich media). Names are read with their #xx escapes decoded, and Flate-compressed streams
/// (object streams among them) are inflated, within bounds, and read too (decision 0210).
/// </summary>
public static class PdfCheck
{
    public const string NotAPdf = "The file is not a PDF document. Attach the signed letter, speech or resolution as a PDF file.";
    public const string Active = "The PDF contains {0}, which we do not publish. Save or print it again as a plain PDF (without scripts, attachments or actions) and attach that.";
    public const string TooComplex = "The PDF could not be checked: it unpacks to far more data than its size suggests, or part of it cannot be unpacked. Save or print it again as a plain PDF.";

    private const long MaxInflatedTotal = 100 * 1024 * 1024;
    private const int MaxInflatedStream = 50 * 1024 * 1024;

    private static readonly Dictionary<string, string> Forbidden = new(StringComparer.Ordinal)
    {
        ["JavaScript"] = "JavaScript", ["JS"] = "JavaScript", ["EmbeddedFile"] = "embedded files", ["EmbeddedFiles"] = "embedded files",
        ["Launch"] = "an action that launches a program", ["AA"] = "actions that run by themselves", ["RichMedia"] = "rich media (Flash or video)",
        ["XFA"] = "an XFA form", ["SubmitForm"] = "a form that sends data", ["ImportData"] = "an action that imports data", ["GoToE"] = "links into embedded files",
    };

    /// <summary>Null when the document may be published; otherwise the message for the person who uploaded it.</summary>
    public static string? Problem(byte[] content)
    {
        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        var header = head.IndexOf("%PDF-"u8);
        if (header < 0 || header + 8 > content.Length || !char.IsAsciiDigit((char)content[header + 5]) || content[header + 6] != '.' || !char.IsAsciiDigit((char)content[header + 7]))
        {
            return NotAPdf;
        }
        var tail = content.AsSpan(Math.Max(0, content.Length - 2048));
        if (tail.IndexOf("%%EOF"u8) < 0 || tail.IndexOf("startxref"u8) < 0 || (content.AsSpan().IndexOf("xref"u8) < 0 && content.AsSpan().IndexOf("/XRef"u8) < 0))
        {
            return NotAPdf;
        }
        if (FindForbidden(content) is { } found)
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, Active, found);
        }
        long inflated = 0;
        foreach (var stream in FlateStreams(content))
        {
            var data = Inflate(content.AsSpan(stream.Start, stream.Length), ref inflated);
            if (data is null)
            {
                return TooComplex;
            }
            if (FindForbidden(data) is { } inside)
            {
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, Active, inside);
            }
        }
        return null;
    }

    /// <summary>The first forbidden PDF name in the bytes, as the message says it.</summary>
    private static string? FindForbidden(ReadOnlySpan<byte> bytes)
    {
        var name = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '/')
            {
                continue;
            }
            name.Clear();
            var j = i + 1;
            while (j < bytes.Length && IsNameChar(bytes[j]))
            {
                if (bytes[j] == '#' && j + 2 < bytes.Length && IsHex(bytes[j + 1]) && IsHex(bytes[j + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(bytes.Slice(j + 1, 2)), 16));
                    j += 3;
                    continue;
                }
                name.Append((char)bytes[j]);
                j++;
            }
            if (name.Length > 0 && Forbidden.TryGetValue(name.ToString(), out var what))
            {
                return what;
            }
            i = j - 1;
        }
        return null;
    }

    // PDF delimiters and white space end a name (ISO 32000-1, 7.2.2 and 7.3.5).
    private static bool IsNameChar(byte b) => b > 32 && b < 127 && "()<>[]{}/%".IndexOf((char)b) < 0;

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    /// <summary>The data of each stream whose dictionary asks for FlateDecode.</summary>
    private static IEnumerable<(int Start, int Length)> FlateStreams(byte[] content)
    {
        var position = 0;
        while (true)
        {
            var keyword = content.AsSpan(position).IndexOf("stream"u8);
            if (keyword < 0)
            {
                yield break;
            }
            keyword += position;
            position = keyword + 6;
            // "endstream" contains "stream": only a keyword that is not preceded by "end" starts data.
            if (keyword >= 3 && content.AsSpan(keyword - 3, 3).SequenceEqual("end"u8))
            {
                continue;
            }
            var start = position;
            if (start < content.Length && content[start] == '\r') { start++; }
            if (start < content.Length && content[start] == '\n') { start++; }
            var end = content.AsSpan(start).IndexOf("endstream"u8);
            if (end < 0)
            {
                yield break;
            }
            var dictionaryStart = content.AsSpan(Math.Max(0, keyword - 1024), Math.Min(keyword, 1024)).LastIndexOf("<<"u8);
            var dictionary = dictionaryStart < 0 ? ReadOnlySpan<byte>.Empty : content.AsSpan(Math.Max(0, keyword - 1024) + dictionaryStart, keyword - (Math.Max(0, keyword - 1024) + dictionaryStart));
            if (dictionary.IndexOf("FlateDecode"u8) >= 0 || dictionary.IndexOf("/Fl"u8) >= 0)
            {
                yield return (start, end);
            }
            position = start + end + 9;
        }
    }

    private static byte[]? Inflate(ReadOnlySpan<byte> data, ref long total)
    {
        try
        {
            using var input = new MemoryStream(data.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                total += read;
                if (output.Length > MaxInflatedStream || total > MaxInflatedTotal)
                {
                    return null;
                }
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null; // what we cannot read, a lenient reader might: not checked, not published
        }
    }
}
