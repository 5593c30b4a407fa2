using System.IO.Compression;
using System.Text;

namespace MepCms.Tests.Support;

/// <summary>Small PDF files written by hand, with a correct cross-reference table: a plain one and ones that do things.</summary>
public static class TestPdfs
{
    /// <summary>A one-page PDF saying <paramref name="text"/>; <paramref name="catalogExtra"/> goes into the catalogue, <paramref name="extraObject"/> is a fifth object.</summary>
    public static byte[] Build(string text = "Signed letter", string catalogExtra = "", byte[]? extraObject = null)
    {
        var content = $"BT /F1 24 Tf 72 720 Td ({text}) Tj ET";
        var objects = new List<byte[]>
        {
            Ascii($"<< /Type /Catalog /Pages 2 0 R {catalogExtra}>>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"),
            Ascii($"<< /Length {content.Length} >>\nstream\n{content}\nendstream"),
        };
        if (extraObject is not null)
        {
            objects.Add(extraObject);
        }
        using var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Ascii("\nendobj\n"));
        }
        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append($"{offset:D10} 00000 n \n");
        }
        table.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(table.ToString()));
        return pdf.ToArray();
    }

    /// <summary>An object stream (compressed with Flate) holding <paramref name="dictionary"/>.</summary>
    public static byte[] CompressedObject(string dictionary)
    {
        var body = Encoding.ASCII.GetBytes($"5 0 {dictionary}");
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(body);
        }
        var data = packed.ToArray();
        return [.. Ascii($"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {data.Length} >>\nstream\n"), .. data, .. Ascii("\nendstream")];
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);
}
