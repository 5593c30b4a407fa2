using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace MepCms.Tests.Support;

/// <summary>Real image files made with SkiaSharp, and the crafted ones an attacker would send.</summary>
public static class TestImages
{
    /// <summary>Written into metadata of test uploads; a stored file must not contain it.</summary>
    public const string Marker = "SECRET-GPS-48.8566N-2.3522E";

    public static byte[] Jpeg(int width, int height, ushort orientation = 0, bool withMetadata = false)
    {
        var jpeg = Encode(width, height, SKEncodedImageFormat.Jpeg);
        if (orientation == 0 && !withMetadata)
        {
            return jpeg;
        }
        // After the SOI marker: an APP1 Exif segment (orientation tag, then the marker) and a comment segment.
        var exif = new List<byte>();
        exif.AddRange("Exif\0\0"u8.ToArray());
        exif.AddRange([(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1]);
        exif.AddRange([0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, 0, 0, 0, 0]);
        exif.AddRange(Encoding.ASCII.GetBytes(Marker));
        var segments = Segment(0xE1, [.. exif]).Concat(withMetadata ? Segment(0xFE, Encoding.ASCII.GetBytes("Camera owner " + Marker)) : []);
        return [.. jpeg[..2], .. segments, .. jpeg[2..]];
    }

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Webp(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp);

    /// <summary>A valid PNG whose header claims another size (CRC corrected): a decompression bomb's header.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = Png(8, 8);
        // Signature (8), IHDR length (4) and type (4), then width and height.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    public static SKBitmap Decode(byte[] content) => SKBitmap.Decode(content) ?? throw new InvalidOperationException("Not an image.");

    /// <summary>The colour of the decoded pixel at (x, y).</summary>
    public static SKColor PixelAt(byte[] content, int x, int y)
    {
        using var bitmap = Decode(content);
        return bitmap.GetPixel(x, y);
    }

    /// <summary>Left half red, right half blue, top rows green: orientation and cropping show in the pixels.</summary>
    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Red);
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
            using var green = new SKPaint { Color = SKColors.Lime };
            canvas.DrawRect(0, 0, width, Math.Max(1, height / 10f), green);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static IEnumerable<byte> Segment(byte marker, byte[] payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
