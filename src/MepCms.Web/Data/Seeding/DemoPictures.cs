using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace MepCms.Web.Data.Seeding;

/// <summary>
/// The demo content's pictures, drawn by MepCms itself at seed time: illustrated portraits of the
/// fictional MEPs (a silhouette on a coloured ground, never a real person's likeness) and abstract
/// lead images (a parliament's hemicycle of seats under a ring of stars). Each is drawn from a seed
/// (a slug), so the same demo content always gets the same pictures. Released under CC0 like the
/// rest of the demo content (decision 0280).
/// </summary>
internal static class DemoPictures
{
    public const string Credit = "Illustration: MepCms demo content";
    public const string Licence = "CC0 1.0";

    // Calm, saturated grounds that keep a light silhouette and light seats readable.
    private static readonly SKColor[] Grounds =
    [
        new(0x12, 0x3a, 0x73), new(0x1d, 0x5c, 0x4f), new(0x6b, 0x2d, 0x5c), new(0x8a, 0x3b, 0x12),
        new(0x2f, 0x4b, 0x8a), new(0x3d, 0x5a, 0x1e), new(0x7a, 0x1f, 0x2b), new(0x24, 0x55, 0x6b),
    ];

    /// <summary>A square portrait, 480 pixels a side, as a JPEG ready for the upload pipeline.</summary>
    public static byte[] Portrait(string seed)
    {
        var random = Random(seed);
        const int side = 480;
        using var surface = SKSurface.Create(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        var ground = Grounds[random.Next(Grounds.Length)];
        using (var paint = new SKPaint { IsAntialias = true })
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(side, side), [ground, Shade(ground, 0.55f)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, side, side, paint);
            paint.Shader = null;
            var figure = Tint(ground, 0.78f + (float)random.NextDouble() * 0.12f);
            paint.Color = figure;
            // Shoulders, neck and head, a little off-centre like a photographer's framing.
            var x = side / 2f + (float)(random.NextDouble() - 0.5) * 30;
            canvas.DrawOval(new SKRect(x - 170, 330, x + 170, 610), paint);
            canvas.DrawRect(x - 34, 250, 68, 110, paint);
            canvas.DrawOval(new SKRect(x - 82, 110, x + 82, 300), paint);
            // A collar in the ground's colour, so the figure reads as a person in a jacket.
            paint.Color = Shade(ground, 0.8f);
            using var collar = Polygon([new(x - 40, 338), new(x, 400), new(x + 40, 338)]);
            canvas.DrawPath(collar, paint);
        }
        return Encode(surface);
    }

    /// <summary>A 1600 × 900 lead image: the seats of a hemicycle in rows, some lit, under a ring of twelve stars.</summary>
    public static byte[] LeadImage(string seed)
    {
        var random = Random(seed);
        const int width = 1600, height = 900;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        var ground = Grounds[random.Next(Grounds.Length)];
        using var paint = new SKPaint { IsAntialias = true };
        paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height), [Shade(ground, 0.6f), ground], SKShaderTileMode.Clamp);
        canvas.DrawRect(0, 0, width, height, paint);
        paint.Shader = null;

        // The hemicycle: rows of seats on half circles around the president's seat.
        var centre = new SKPoint(width / 2f, height * 0.98f);
        var lit = Tint(ground, 0.85f);
        var dim = Tint(ground, 0.35f);
        var accent = new SKColor(0xff, 0xcc, 0x33);
        // Few, large seats in rows of one colour, a few lit: a flat picture that stays small in every rendition.
        for (var row = 0; row < 4; row++)
        {
            var radius = 340 + row * 95;
            var seats = 10 + row * 4;
            for (var seat = 0; seat <= seats; seat++)
            {
                var angle = Math.PI * seat / seats;
                var point = new SKPoint(centre.X - (float)(Math.Cos(angle) * radius), centre.Y - (float)(Math.Sin(angle) * radius));
                paint.Color = random.NextDouble() < 0.08 ? accent : row % 2 == 0 ? lit : dim;
                canvas.DrawCircle(point, 30, paint);
            }
        }
        // Twelve stars in a ring above, as on the flag of Europe.
        paint.Color = accent;
        // In a top corner, clear of the seats.
        var ring = new SKPoint(width * (random.Next(2) == 0 ? 0.13f : 0.87f), height * 0.2f);
        for (var star = 0; star < 12; star++)
        {
            var angle = 2 * Math.PI * star / 12;
            DrawStar(canvas, new SKPoint(ring.X + (float)(Math.Cos(angle) * 110), ring.Y + (float)(Math.Sin(angle) * 110)), 16, paint);
        }
        return Encode(surface);
    }

    private static void DrawStar(SKCanvas canvas, SKPoint centre, float radius, SKPaint paint)
    {
        using var path = Polygon([.. Enumerable.Range(0, 10).Select(i =>
        {
            var r = i % 2 == 0 ? radius : radius * 0.4f;
            var angle = -Math.PI / 2 + Math.PI * i / 5;
            return new SKPoint(centre.X + (float)(Math.Cos(angle) * r), centre.Y + (float)(Math.Sin(angle) * r));
        })]);
        canvas.DrawPath(path, paint);
    }

    private static SKPath Polygon(IReadOnlyList<SKPoint> points) =>
        SKPath.ParseSvgPathData("M" + string.Join(" L", points.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.X:0.##} {p.Y:0.##}"))) + " Z");

    private static byte[] Encode(SKSurface surface)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }

    /// <summary>A generator seeded by the slug: the same picture every time.</summary>
    private static Random Random(string seed) => new(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0));

    private static SKColor Shade(SKColor colour, float factor) =>
        new((byte)(colour.Red * factor), (byte)(colour.Green * factor), (byte)(colour.Blue * factor));

    private static SKColor Tint(SKColor colour, float towardsWhite) =>
        new((byte)(colour.Red + (255 - colour.Red) * towardsWhite), (byte)(colour.Green + (255 - colour.Green) * towardsWhite), (byte)(colour.Blue + (255 - colour.Blue) * towardsWhite));
}
