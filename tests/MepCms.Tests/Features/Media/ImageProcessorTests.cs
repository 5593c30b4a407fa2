using System.Text;
using MepCms.Tests.Support;
using MepCms.Web.Features.Media;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace MepCms.Tests.Features.Media;

/// <summary>The processor on its own: what an accepted image becomes, pixel by pixel.</summary>
public sealed class ImageProcessorTests
{
    private readonly ImageProcessor _processor = new(Options.Create(new MediaOptions()));

    private async Task<ProcessedImage> AcceptedAsync(byte[] upload, MediaKind kind)
    {
        var result = await _processor.ProcessAsync(upload, kind, CancellationToken.None);
        Assert.True(result.Image is not null, result.Error);
        return result.Image;
    }

    [Fact]
    public void SkiaSharp_native_library_loads_and_round_trips_a_tiny_image()
    {
        using var bitmap = new SKBitmap(2, 2);
        bitmap.SetPixel(1, 1, SKColors.Blue);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var decoded = SKBitmap.Decode(png);

        Assert.Equal(SKColors.Blue, decoded.GetPixel(1, 1));
    }

    [Fact]
    public async Task A_photo_becomes_a_square_of_the_size_the_profile_shows()
    {
        var image = await AcceptedAsync(TestImages.Jpeg(1200, 800), MediaKind.Photo);

        Assert.Equal((MediaOptions.PhotoSide, MediaOptions.PhotoSide), (image.Width, image.Height));
        using var decoded = TestImages.Decode(image.Content);
        Assert.Equal((MediaOptions.PhotoSide, MediaOptions.PhotoSide), (decoded.Width, decoded.Height));
        // The centre square of a red|blue picture keeps red on the left and blue on the right.
        Assert.True(decoded.GetPixel(20, 150).Red > 200, "left is red");
        Assert.True(decoded.GetPixel(170, 150).Blue > 200, "right is blue");
    }

    [Fact]
    public async Task A_small_photo_is_cropped_but_never_enlarged()
    {
        var image = await AcceptedAsync(TestImages.Png(120, 90), MediaKind.Photo);

        Assert.Equal((90, 90), (image.Width, image.Height));
    }

    [Fact]
    public async Task A_statement_image_wider_than_the_stored_maximum_is_scaled_down_in_proportion()
    {
        var image = await AcceptedAsync(TestImages.Jpeg(4000, 3000), MediaKind.Image);

        Assert.Equal((MediaOptions.ImageMaxWidth, 1920), (image.Width, image.Height));
    }

    [Fact]
    public async Task A_narrow_statement_image_keeps_its_size()
    {
        var image = await AcceptedAsync(TestImages.Webp(640, 360), MediaKind.Image);

        Assert.Equal((640, 360), (image.Width, image.Height));
        Assert.Equal(ImageFormat.Webp, image.Format);
        Assert.Equal(ImageFormat.Webp, ImageFormat.Sniff(image.Content));
    }

    [Fact]
    public async Task The_exif_orientation_is_applied_so_the_picture_stands_upright()
    {
        // Orientation 6: the stored picture is shown turned 90° clockwise; its green top row becomes the right edge.
        var image = await AcceptedAsync(TestImages.Jpeg(400, 200, orientation: 6), MediaKind.Image);

        Assert.Equal((200, 400), (image.Width, image.Height));
        var right = TestImages.PixelAt(image.Content, 197, 200);
        var left = TestImages.PixelAt(image.Content, 20, 200);
        Assert.True(right.Green > 200 && right.Red < 80, $"right edge is green: {right}");
        Assert.False(left.Green > 200 && left.Red < 80, $"left edge is not green: {left}");
    }

    [Fact]
    public async Task Metadata_of_the_upload_is_not_in_the_stored_image()
    {
        var upload = TestImages.Jpeg(800, 600, orientation: 1, withMetadata: true);
        Assert.Contains(TestImages.Marker, Encoding.Latin1.GetString(upload), StringComparison.Ordinal);

        var image = await AcceptedAsync(upload, MediaKind.Image);

        var stored = Encoding.Latin1.GetString(image.Content);
        Assert.DoesNotContain(TestImages.Marker, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("ICC_PROFILE", stored, StringComparison.Ordinal);
        Assert.NotEqual(upload, image.Content);
    }
}
