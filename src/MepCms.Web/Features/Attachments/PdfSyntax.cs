using System.Globalization;
using System.Text;

namespace MepCms.Web.Features.Attachments;

/// <summary>A PDF value, as far as the check needs one: names decoded, numbers, references, dictionaries and arrays.</summary>
internal abstract record PdfValue;

internal sealed record PdfName(string Value) : PdfValue;

internal sealed record PdfNumber(double Value) : PdfValue
{
    public long? Integer => Value == Math.Floor(Value) && Math.Abs(Value) < 1e15 ? (long)Value : null;
}

internal sealed record PdfReference(long Number) : PdfValue;

internal sealed record PdfArray(IReadOnlyList<PdfValue> Items) : PdfValue;

/// <summary>Strings, booleans, null and keywords: read past, never looked into.</summary>
internal sealed record PdfOther(string Keyword) : PdfValue;

internal sealed record PdfDictionary(IReadOnlyDictionary<string, PdfValue> Entries) : PdfValue
{
    public PdfValue? this[string key] => Entries.GetValueOrDefault(key);

    public string? NameOf(string key) => this[key] is PdfName name ? name.Value : null;

    public long? IntegerOf(string key) => this[key] is PdfNumber number ? number.Integer : null;
}

/// <summary>
/// Reads PDF syntax (ISO 32000-1, 7.2–7.3) from a range of bytes: white space and comments, names
/// with their #xx escapes decoded, numbers, references, strings (skipped), arrays and dictionaries,
/// nested at most <see cref="MaxDepth"/> deep. Returns null on anything it cannot read.
/// </summary>
internal sealed class PdfSyntax(byte[] data, int position, int end)
{
    private const int MaxDepth = 64;

    public int Position { get; private set; } = position;

    public static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public static bool IsRegular(byte b) => !IsWhite(b) && !IsDelimiter(b);

    /// <summary>The name starting after the '/' at <paramref name="start"/>, escapes decoded, and the index after it.</summary>
    public static (string Name, int Next) ReadName(ReadOnlySpan<byte> bytes, int start)
    {
        var name = new StringBuilder();
        var j = start;
        while (j < bytes.Length && IsRegular(bytes[j]))
        {
            if (bytes[j] == '#' && j + 2 < bytes.Length && IsHex(bytes[j + 1]) && IsHex(bytes[j + 2]))
            {
                name.Append((char)(HexValue(bytes[j + 1]) * 16 + HexValue(bytes[j + 2])));
                j += 3;
                continue;
            }
            name.Append((char)bytes[j]);
            j++;
        }
        return (name.ToString(), j);
    }

    public void SkipWhite()
    {
        while (Position < end)
        {
            if (IsWhite(data[Position]))
            {
                Position++;
            }
            else if (data[Position] == '%')
            {
                while (Position < end && data[Position] is not (10 or 13)) { Position++; }
            }
            else
            {
                return;
            }
        }
    }

    public PdfValue? ReadValue(int depth = 0)
    {
        SkipWhite();
        if (Position >= end || depth > MaxDepth)
        {
            return null;
        }
        var b = data[Position];
        if (b == '<' && Position + 1 < end && data[Position + 1] == '<')
        {
            Position += 2;
            return ReadDictionary(depth);
        }
        switch (b)
        {
            case (byte)'<':
                var close = Array.IndexOf(data, (byte)'>', Position, end - Position);
                Position = close < 0 ? end : close + 1;
                return close < 0 ? null : new PdfOther("string");
            case (byte)'(':
                return SkipLiteralString() ? new PdfOther("string") : null;
            case (byte)'[':
                Position++;
                return ReadArray(depth);
            case (byte)'/':
                var (name, next) = ReadName(data.AsSpan(0, end), Position + 1);
                Position = next;
                return new PdfName(name);
            case (byte)'+' or (byte)'-' or (byte)'.' or (>= (byte)'0' and <= (byte)'9'):
                return ReadNumberOrReference();
            default:
                var start = Position;
                while (Position < end && IsRegular(data[Position])) { Position++; }
                return Position == start ? null : new PdfOther(Encoding.ASCII.GetString(data, start, Position - start));
        }
    }

    private PdfDictionary? ReadDictionary(int depth)
    {
        var entries = new Dictionary<string, PdfValue>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhite();
            if (Position + 1 < end && data[Position] == '>' && data[Position + 1] == '>')
            {
                Position += 2;
                return new PdfDictionary(entries);
            }
            if (ReadValue(depth + 1) is not PdfName key || ReadValue(depth + 1) is not { } value || value is PdfOther { Keyword: "stream" or "endobj" or "obj" })
            {
                return null;
            }
            entries[key.Value] = value; // the last of a repeated key, as readers take it
        }
    }

    private PdfArray? ReadArray(int depth)
    {
        var items = new List<PdfValue>();
        while (true)
        {
            SkipWhite();
            if (Position < end && data[Position] == ']')
            {
                Position++;
                return new PdfArray(items);
            }
            if (ReadValue(depth + 1) is not { } item || item is PdfOther { Keyword: "stream" or "endobj" or "obj" })
            {
                return null;
            }
            items.Add(item);
        }
    }

    private PdfValue? ReadNumberOrReference()
    {
        var number = ReadNumber();
        if (number?.Integer is not { } integer || integer < 0)
        {
            return number;
        }
        // "12 0 R": a reference, not two numbers and a keyword.
        var after = Position;
        SkipWhite();
        if (ReadNumber()?.Integer is >= 0)
        {
            SkipWhite();
            if (Position < end && data[Position] == 'R' && (Position + 1 == end || !IsRegular(data[Position + 1])))
            {
                Position++;
                return new PdfReference(integer);
            }
        }
        Position = after;
        return number;
    }

    private PdfNumber? ReadNumber()
    {
        var start = Position;
        while (Position < end && (char.IsAsciiDigit((char)data[Position]) || data[Position] is (byte)'+' or (byte)'-' or (byte)'.')) { Position++; }
        var text = Encoding.ASCII.GetString(data, start, Position - start);
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? new PdfNumber(value) : null;
    }

    /// <summary>Past a literal string: balanced parentheses, a backslash escapes the next byte.</summary>
    private bool SkipLiteralString()
    {
        var nesting = 0;
        while (Position < end)
        {
            var b = data[Position++];
            if (b == '\\')
            {
                Position++;
            }
            else if (b == '(')
            {
                nesting++;
            }
            else if (b == ')' && --nesting == 0)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
