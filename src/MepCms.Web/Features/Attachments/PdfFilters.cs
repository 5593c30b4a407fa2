using System.IO.Compression;

namespace MepCms.Web.Features.Attachments;

/// <summary>
/// Decodes the data of an object stream through its filters: Flate, ASCIIHex and ASCII85 (under
/// their full and short names), within a budget of decoded bytes shared by the whole file, so a
/// few kilobytes that unpack to gigabytes stop at the budget. Anything else (another filter, a
/// predictor, data that does not decode) is null: not checked, so not published.
/// </summary>
internal sealed class PdfFilters(long budget)
{
    public long Remaining { get; private set; } = budget;

    public byte[]? Decode(ReadOnlySpan<byte> data, PdfDictionary dictionary)
    {
        var filters = dictionary["Filter"] switch
        {
            null => [],
            PdfName name => [name.Value],
            PdfArray array when array.Items.All(i => i is PdfName) => array.Items.Cast<PdfName>().Select(n => n.Value).ToList(),
            _ => null,
        };
        if (filters is null || HasPredictor(dictionary["DecodeParms"]))
        {
            return null;
        }
        var bytes = data.ToArray();
        foreach (var filter in filters)
        {
            bytes = filter switch
            {
                "FlateDecode" or "Fl" => Inflate(bytes),
                "ASCIIHexDecode" or "AHx" => AsciiHex(bytes),
                "ASCII85Decode" or "A85" => Ascii85(bytes),
                _ => null,
            };
            if (bytes is null || !Spend(bytes.Length))
            {
                return null;
            }
        }
        return bytes;
    }

    // A PNG or TIFF predictor rewrites the decoded bytes row by row; object streams are written without one.
    private static bool HasPredictor(PdfValue? parameters) => parameters switch
    {
        PdfDictionary d => d.IntegerOf("Predictor") is > 1 || d["Predictor"] is not null and not PdfNumber,
        PdfArray a => a.Items.Any(HasPredictor),
        _ => false,
    };

    private bool Spend(long bytes)
    {
        Remaining -= bytes;
        return Remaining >= 0;
    }

    private byte[]? Inflate(byte[] data)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > Remaining)
                {
                    return null;
                }
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static byte[]? AsciiHex(byte[] data)
    {
        var output = new List<byte>(data.Length / 2);
        var high = -1;
        foreach (var b in data)
        {
            if (b == '>')
            {
                break;
            }
            if (PdfSyntax.IsWhite(b))
            {
                continue;
            }
            if (!char.IsAsciiHexDigit((char)b))
            {
                return null;
            }
            var value = Convert.ToInt32(((char)b).ToString(), 16);
            if (high < 0)
            {
                high = value;
            }
            else
            {
                output.Add((byte)(high * 16 + value));
                high = -1;
            }
        }
        if (high >= 0)
        {
            output.Add((byte)(high * 16));
        }
        return [.. output];
    }

    private static byte[]? Ascii85(byte[] data)
    {
        var output = new List<byte>(data.Length * 4 / 5);
        var group = new List<byte>(5);
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == '~')
            {
                break;
            }
            if (PdfSyntax.IsWhite(b))
            {
                continue;
            }
            if (b == 'z' && group.Count == 0)
            {
                output.AddRange([0, 0, 0, 0]);
                continue;
            }
            if (b is < (byte)'!' or > (byte)'u')
            {
                return null;
            }
            group.Add((byte)(b - '!'));
            if (group.Count == 5)
            {
                output.AddRange(Ascii85Group(group, 4));
                group.Clear();
            }
        }
        if (group.Count == 1)
        {
            return null;
        }
        if (group.Count > 1)
        {
            var kept = group.Count - 1;
            while (group.Count < 5) { group.Add(84); }
            output.AddRange(Ascii85Group(group, kept));
        }
        return [.. output];
    }

    private static IEnumerable<byte> Ascii85Group(List<byte> group, int keep)
    {
        ulong value = 0;
        foreach (var digit in group)
        {
            value = value * 85 + digit;
        }
        var bytes = new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
        return bytes.Take(keep);
    }
}
