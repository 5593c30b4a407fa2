using System.IO.Compression;
using System.Text;

namespace MepCms.Tests.Support;

/// <summary>
/// Small PDF files written by hand with correct cross-reference offsets: a classic one (objects and
/// an xref table), a modern one (objects in a compressed object stream, an xref stream), and pieces
/// that make either do things it must not.
/// </summary>
public static class TestPdfs
{
    /// <summary>
    /// A PDF of <paramref name="pages"/> pages saying <paramref name="text"/>, with an xref table.
    /// Objects: 1 catalogue (with <paramref name="catalogExtra"/>), 2 page tree, 3 first page, 4 its
    /// content, 5 <paramref name="extraObject"/> if given, then the other pages.
    /// </summary>
    public static byte[] Build(string text = "Signed letter", string catalogExtra = "", byte[]? extraObject = null, int pages = 1, string version = "1.7", string before = "")
    {
        var content = $"BT /F1 24 Tf 72 720 Td ({text}) Tj ET";
        var pageNumbers = Enumerable.Range(0, pages).Select(i => i == 0 ? 3 : (extraObject is null ? 5 : 6) + i - 1).ToList();
        var objects = new List<byte[]>
        {
            Ascii($"<< /Type /Catalog /Pages 2 0 R {catalogExtra}>>"),
            Ascii($"<< /Type /Pages /Kids [{string.Join(" ", pageNumbers.Select(n => $"{n} 0 R"))}] /Count {pages} >>"),
            Page(),
            Ascii($"<< /Length {content.Length} >>\nstream\n{content}\nendstream"),
        };
        if (extraObject is not null)
        {
            objects.Add(extraObject);
        }
        objects.AddRange(Enumerable.Range(1, pages - 1).Select(_ => Page()));
        return WithXrefTable(objects, version, before);
    }

    /// <summary>
    /// A PDF 1.5+ file as current tools write it: catalogue, page tree, page and <paramref name="hidden"/>
    /// objects inside object stream 5 (its dictionary extended by <paramref name="filter"/>, its data
    /// by <paramref name="encode"/>: Flate by default), found through the xref stream 6.
    /// </summary>
    public static byte[] Modern(IEnumerable<string>? hidden = null, string filter = "/Filter /FlateDecode", Func<byte[], byte[]>? encode = null,
        string version = "2.0", string streamType = "/Type /ObjStm ", int pages = 1)
    {
        var compressed = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [3 0 R] /Count {pages} >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        };
        compressed.AddRange(hidden ?? []);
        var numbers = new[] { 1, 2, 3 }.Concat(Enumerable.Range(7, compressed.Count - 3)).ToList();
        var header = new StringBuilder();
        var bodies = new StringBuilder();
        for (var i = 0; i < compressed.Count; i++)
        {
            header.Append($"{numbers[i]} {bodies.Length} ");
            bodies.Append(compressed[i]).Append('\n');
        }
        var plain = Ascii(header.ToString() + bodies);
        var data = (encode ?? Deflate)(plain);
        const string content = "BT /F1 24 Tf 72 720 Td (Speech as delivered) Tj ET";
        using var pdf = new MemoryStream();
        pdf.Write(Ascii($"%PDF-{version}\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var contentAt = pdf.Position;
        pdf.Write(Ascii($"4 0 obj\n<< /Length {content.Length} >>\nstream\n{content}\nendstream\nendobj\n"));
        var objectStreamAt = pdf.Position;
        pdf.Write([.. Ascii($"5 0 obj\n<< {streamType}/N {compressed.Count} /First {header.Length} {filter} /Length {data.Length} >>\nstream\n"), .. data, .. Ascii("\nendstream\nendobj\n")]);
        var xrefAt = pdf.Position;
        var size = 7 + compressed.Count - 3;
        var entries = new List<byte[]> { Entry(0, 0, 65535) };
        entries.AddRange(Enumerable.Range(0, 3).Select(i => Entry(2, 5, i)));
        entries.Add(Entry(1, contentAt, 0));
        entries.Add(Entry(1, objectStreamAt, 0));
        entries.Add(Entry(1, xrefAt, 0));
        entries.AddRange(Enumerable.Range(3, compressed.Count - 3).Select(i => Entry(2, 5, i)));
        var table = entries.SelectMany(e => e).ToArray();
        pdf.Write([.. Ascii($"6 0 obj\n<< /Type /XRef /Size {size} /W [1 4 2] /Root 1 0 R /Length {table.Length} >>\nstream\n"), .. table, .. Ascii("\nendstream\nendobj\n")]);
        pdf.Write(Ascii($"startxref\n{xrefAt}\n%%EOF\n"));
        return pdf.ToArray();
    }

    /// <summary>An object stream (compressed with Flate) holding <paramref name="dictionary"/>, as a fifth object for <see cref="Build"/>.</summary>
    public static byte[] CompressedObject(string dictionary, string streamDictionary = "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode")
    {
        var data = Deflate(Encoding.ASCII.GetBytes($"5 0 {dictionary}"));
        return [.. Ascii($"<< {streamDictionary} /Length {data.Length} >>\nstream\n"), .. data, .. Ascii("\nendstream")];
    }

    /// <summary>A stream object with <paramref name="dictionary"/> and these exact bytes as its data.</summary>
    public static byte[] Stream(string dictionary, byte[] data) =>
        [.. Ascii($"<< {dictionary} /Length {data.Length} >>\nstream\n"), .. data, .. Ascii("\nendstream")];

    public static byte[] Deflate(byte[] plain)
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(plain);
        }
        return packed.ToArray();
    }

    public static byte[] AsciiHex(byte[] plain) => Ascii(Convert.ToHexString(plain) + ">");

    public static byte[] Ascii85(byte[] plain)
    {
        var text = new StringBuilder();
        for (var i = 0; i < plain.Length; i += 4)
        {
            var chunk = plain.Skip(i).Take(4).ToArray();
            var value = chunk.Concat(new byte[4 - chunk.Length]).Aggregate(0u, (v, b) => (v << 8) | b);
            var digits = new char[5];
            for (var d = 4; d >= 0; d--) { digits[d] = (char)('!' + value % 85); value /= 85; }
            text.Append(digits, 0, chunk.Length + 1);
        }
        return Ascii(text.Append("~>").ToString());
    }

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Page() => Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>");

    private static byte[] Entry(byte type, long field2, int field3) =>
        [type, (byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3];

    private static byte[] WithXrefTable(List<byte[]> objects, string version, string before)
    {
        using var pdf = new MemoryStream();
        pdf.Write(Ascii($"{before}%PDF-{version}\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position - before.Length);
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Ascii("\nendobj\n"));
        }
        var xref = pdf.Position - before.Length;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append($"{offset:D10} 00000 n \n");
        }
        table.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(table.ToString()));
        return pdf.ToArray();
    }
}
