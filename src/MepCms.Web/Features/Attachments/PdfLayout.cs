namespace MepCms.Web.Features.Attachments;

/// <summary>A stream of the file: its dictionary and where its (still encoded) data lies.</summary>
internal sealed record PdfStream(PdfDictionary Dictionary, int DataStart, int DataEnd)
{
    /// <summary>Holds other objects: /Type /ObjStm, or the /First and /N a lenient reader would settle for.</summary>
    public bool IsObjectStream => Dictionary.NameOf("Type") == "ObjStm" || Dictionary["First"] is not null || Dictionary["N"] is not null;
}

/// <summary>
/// Finds a PDF's streams without trusting its cross-reference table: every <c>stream</c> keyword is
/// matched with the dictionary of the object it ends (found from the nearest <c>N G obj</c> before
/// it); the data runs for its /Length when <c>endstream</c> follows, otherwise to the next
/// <c>endstream</c>. A keyword that follows a dictionary but belongs to no object the check can
/// read makes the file unreadable, wherever it is (inside another stream's data too): a reader
/// following the table could find a stream there that the check did not.
/// </summary>
internal static class PdfLayout
{
    private const int DictionaryWindow = 256 * 1024;
    private const int HeaderTries = 16;

    public static List<PdfStream> Streams(byte[] content, out bool unreadable)
    {
        var streams = new List<PdfStream>();
        var orphans = new List<int>();
        var span = content.AsSpan();
        var work = PdfWork.For(content.Length);
        for (var from = 0; from < content.Length;)
        {
            var found = span[from..].IndexOf("stream"u8);
            if (found < 0)
            {
                break;
            }
            var keyword = from + found;
            from = keyword + 6;
            var isEnd = keyword >= 3 && span.Slice(keyword - 3, 3).SequenceEqual("end"u8);
            if (isEnd || (keyword > 0 && PdfSyntax.IsRegular(content[keyword - 1])) || (from < content.Length && PdfSyntax.IsRegular(content[from])))
            {
                continue; // endstream, upstream, streams
            }
            if (DictionaryBefore(content, keyword, work) is not { } dictionary)
            {
                if (work.Exhausted)
                {
                    unreadable = true; // built to make the search slow: not a document anyone wrote
                    return streams;
                }
                orphans.Add(keyword);
                continue;
            }
            var start = from;
            while (start < content.Length && content[start] == ' ') { start++; }
            if (start < content.Length && content[start] == '\r') { start++; }
            if (start < content.Length && content[start] == '\n') { start++; }
            streams.Add(new PdfStream(dictionary, start, DataEnd(content, start, dictionary.IntegerOf("Length"))));
        }
        // "stream" after ">>" is a stream to a reader; the word in text (an XMP title "Live stream") is not.
        unreadable = orphans.Any(o => EndsDictionary(content, SkipBack(content, o, comments: false)) || EndsDictionary(content, SkipBack(content, o, comments: true)));
        return streams;
    }

    private static bool EndsDictionary(byte[] content, int end) => end >= 2 && content[end - 1] == '>' && content[end - 2] == '>';

    /// <summary>The streams' data as ordered ranges that do not overlap.</summary>
    private static List<(int Start, int End)> Merged(List<PdfStream> streams)
    {
        var data = new List<(int Start, int End)>();
        foreach (var stream in streams.OrderBy(s => s.DataStart))
        {
            if (data.Count > 0 && stream.DataStart <= data[^1].End)
            {
                data[^1] = (data[^1].Start, Math.Max(data[^1].End, stream.DataEnd));
            }
            else
            {
                data.Add((stream.DataStart, stream.DataEnd));
            }
        }
        return data;
    }

    /// <summary>
    /// The byte ranges whose names are checked: everything outside stream data, and within stream
    /// data whatever follows an object header (an object hidden there, reachable from the table).
    /// </summary>
    public static List<(int Start, int Length)> ScannedRanges(byte[] content, List<PdfStream> streams)
    {
        var data = Merged(streams);
        var ranges = new List<(int, int)>();
        var position = 0;
        foreach (var (start, end) in data)
        {
            ranges.Add((position, start - position));
            if (FirstObjectHeader(content, start, end) is { } hidden)
            {
                ranges.Add((hidden, end - hidden));
            }
            position = end;
        }
        ranges.Add((position, content.Length - position));
        return ranges;
    }

    /// <summary>The object number of the <c>N G obj</c> whose keyword starts at <paramref name="obj"/>, or null when it is no header.</summary>
    /// <remarks>Read back over white space, and over comments too (a reader skips them); either reading that finds a header counts.</remarks>
    public static long? ObjectNumberAt(byte[] content, int obj)
    {
        if (obj + 3 < content.Length && PdfSyntax.IsRegular(content[obj + 3]))
        {
            return null;
        }
        return NumberBefore(content, obj, comments: false) ?? NumberBefore(content, obj, comments: true);
    }

    private static long? NumberBefore(byte[] content, int obj, bool comments)
    {
        var generationEnd = SkipBack(content, obj, comments);
        var generationStart = DigitsBack(content, generationEnd);
        if (generationStart == generationEnd)
        {
            return null;
        }
        var numberEnd = SkipBack(content, generationStart, comments);
        var numberStart = DigitsBack(content, numberEnd);
        if (numberEnd == generationStart || numberStart == numberEnd || numberEnd - numberStart > 10)
        {
            return null;
        }
        return long.Parse(content.AsSpan(numberStart, numberEnd - numberStart), provider: System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int SkipBack(byte[] content, int position, bool comments)
    {
        while (true)
        {
            while (position > 0 && PdfSyntax.IsWhite(content[position - 1])) { position--; }
            // A comment runs to the end of its line: only a line end just skipped can close one.
            if (!comments || content[position] is not (10 or 13))
            {
                return position;
            }
            var lineStart = position;
            var limit = Math.Max(0, position - 4096);
            while (lineStart > limit && content[lineStart - 1] is not (10 or 13)) { lineStart--; }
            var percent = content.AsSpan(lineStart, position - lineStart).IndexOf((byte)'%');
            if (percent < 0)
            {
                return position;
            }
            position = lineStart + percent;
        }
    }

    private static int DigitsBack(byte[] content, int end)
    {
        var start = end;
        while (start > 0 && char.IsAsciiDigit((char)content[start - 1])) { start--; }
        return start;
    }

    private static int? FirstObjectHeader(byte[] content, int start, int end)
    {
        for (var from = start; from < end;)
        {
            var found = content.AsSpan(from, end - from).IndexOf("obj"u8);
            if (found < 0)
            {
                return null;
            }
            var obj = from + found;
            if (ObjectNumberAt(content, obj) is not null)
            {
                return obj; // the object's body follows its header
            }
            from = obj + 3;
        }
        return null;
    }

    /// <summary>The dictionary of the object whose <c>stream</c> keyword is at <paramref name="keyword"/>.</summary>
    private static PdfDictionary? DictionaryBefore(byte[] content, int keyword, PdfWork work)
    {
        var windowStart = Math.Max(0, keyword - DictionaryWindow);
        var searchEnd = keyword;
        for (var tries = 0; tries < HeaderTries && searchEnd > windowStart; tries++)
        {
            var obj = content.AsSpan(windowStart, searchEnd - windowStart).LastIndexOf("obj"u8);
            if (!work.Spend(searchEnd - Math.Max(obj + windowStart, windowStart)) || obj < 0)
            {
                return null;
            }
            obj += windowStart;
            searchEnd = obj;
            if (ObjectNumberAt(content, obj) is null)
            {
                continue;
            }
            var syntax = new PdfSyntax(content, obj + 3, keyword);
            var value = syntax.ReadValue();
            if (!work.Spend(syntax.Position - obj))
            {
                return null;
            }
            if (value is PdfDictionary dictionary)
            {
                syntax.SkipWhite();
                if (syntax.Position == keyword)
                {
                    return dictionary;
                }
            }
        }
        return null;
    }

    private static int DataEnd(byte[] content, int start, long? length)
    {
        if (length is { } declared && declared >= 0 && start + declared <= content.Length)
        {
            var after = (int)(start + declared);
            while (after < content.Length && PdfSyntax.IsWhite(content[after])) { after++; }
            if (content.AsSpan(after).StartsWith("endstream"u8))
            {
                return (int)(start + declared);
            }
        }
        var end = content.AsSpan(start).IndexOf("endstream"u8);
        return end < 0 ? content.Length : start + end;
    }
}

/// <summary>
/// How much reading the check may do for one file: a few times its size. Documents need a small
/// part of it; a file built so that every keyword sends the search far back runs out.
/// </summary>
internal sealed class PdfWork(long budget)
{
    public static PdfWork For(long size) => new(4 * size + 1024 * 1024);

    public bool Exhausted { get; private set; }

    public bool Spend(long bytes)
    {
        budget -= bytes;
        Exhausted |= budget < 0;
        return !Exhausted;
    }
}
