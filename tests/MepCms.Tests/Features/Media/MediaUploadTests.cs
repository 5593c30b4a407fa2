using System.Net;
using System.Text;
using MepCms.Tests.Support;
using MepCms.Web.Features.Account;
using MepCms.Web.Features.Media;

namespace MepCms.Tests.Features.Media;

/// <summary>The media library's upload: what is accepted becomes a new file; what is refused leaves nothing behind.</summary>
public sealed class MediaUploadTests(MepCmsFactory app) : IClassFixture<MepCmsFactory>
{
    private async Task<MediaItem> UploadedAsync(byte[] content, string fileName, string contentType)
    {
        var staff = await app.SignedInAsync(Roles.Contributor);
        var before = (await app.StoredItemsAsync()).Count;

        var response = await staff.Client.UploadAsync(content, fileName, contentType, alt: "The plenary chamber");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var items = await app.StoredItemsAsync();
        Assert.Equal(before + 1, items.Count);
        var item = items[^1];
        Assert.Equal("The plenary chamber", item.AltText);
        Assert.Equal(staff.Email, item.UploadedByName);
        Assert.Equal(staff.Id, item.UploadedById);
        Assert.Equal(MepCmsFactory.Start.UtcDateTime, item.UploadedAt);
        Assert.Equal(MediaKind.Image, item.Kind);
        var stored = app.StoredBytes(item);
        Assert.Equal(item.Bytes, stored.Length);
        Assert.NotEqual(content, stored);
        using var decoded = TestImages.Decode(stored);
        Assert.Equal((item.Width, item.Height), (decoded.Width, decoded.Height));
        return item;
    }

    [Fact]
    public async Task A_real_jpeg_is_re_encoded_resized_stripped_and_stored_under_a_generated_name()
    {
        var upload = TestImages.Jpeg(3000, 2000, orientation: 1, withMetadata: true);

        var item = await UploadedAsync(upload, "../../holiday <b>.jpg", "image/jpeg");

        Assert.Matches("^[0-9a-f]{32}\\.jpg$", item.FileName);
        Assert.Equal(("image/jpeg", MediaOptions.ImageMaxWidth, 1707), (item.ContentType, item.Width, item.Height));
        Assert.DoesNotContain(TestImages.Marker, Encoding.Latin1.GetString(app.StoredBytes(item)), StringComparison.Ordinal);
        Assert.DoesNotContain(app.StoredFiles(), f => f.Contains("holiday", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_real_png_is_re_encoded_and_kept_at_its_size()
    {
        var item = await UploadedAsync(TestImages.Png(800, 450), "chart.png", "image/png");

        Assert.Matches("^[0-9a-f]{32}\\.png$", item.FileName);
        Assert.Equal(("image/png", 800, 450), (item.ContentType, item.Width, item.Height));
    }

    [Fact]
    public async Task A_webp_is_accepted_whatever_content_type_the_browser_claims()
    {
        var item = await UploadedAsync(TestImages.Webp(300, 200), "picture", "application/octet-stream");

        Assert.Equal(("image/webp", 300, 200), (item.ContentType, item.Width, item.Height));
    }

    [Fact]
    public async Task A_png_with_a_script_after_its_end_is_stored_without_the_script()
    {
        var payload = "<script>alert('polyglot')</script>";
        var upload = TestImages.Png(64, 64).Concat(Encoding.ASCII.GetBytes(payload)).ToArray();

        var item = await UploadedAsync(upload, "trailer.png", "image/png");

        Assert.DoesNotContain("<script", Encoding.Latin1.GetString(app.StoredBytes(item)), StringComparison.Ordinal);
    }

    public static TheoryData<string> Refusals => ["renamed exe", "svg with script", "jpeg polyglot", "empty file", "huge dimensions", "just over the limit", "truncated jpeg"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_file_that_is_not_an_acceptable_image_is_refused_with_a_message_and_stores_nothing(string kind)
    {
        var (content, name, type, message) = kind switch
        {
            "renamed exe" => ([(byte)'M', (byte)'Z', 0x90, 0, .. new byte[4096]], "photo.jpg", "image/jpeg", "not a JPEG, PNG or WebP"),
            "svg with script" => (Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "logo.svg", "image/svg+xml", "not a JPEG, PNG or WebP"),
            "jpeg polyglot" => ([0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>")], "photo.jpg", "image/jpeg", "not a JPEG, PNG or WebP"),
            "empty file" => ([], "empty.jpg", "image/jpeg", "The file is empty"),
            "huge dimensions" => (TestImages.PngClaiming(50_000, 50_000), "bomb.png", "image/png", "50000 × 50000 pixels"),
            "just over the limit" => (new byte[5 * 1024 * 1024 + 10], "big.jpg", "image/jpeg", "at most 5 MB"),
            "truncated jpeg" => (TestImages.Jpeg(600, 400)[..2000], "cut.jpg", "image/jpeg", "not a JPEG, PNG or WebP"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var staff = await app.SignedInAsync(Roles.Contributor);
        var (files, items) = (app.StoredFiles().Length, (await app.StoredItemsAsync()).Count);

        var response = await staff.Client.UploadAsync(content, name, type);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector("[role=alert]")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal(files, app.StoredFiles().Length);
        Assert.Equal(items, (await app.StoredItemsAsync()).Count);
    }

    [Fact]
    public async Task The_editor_picker_uploads_as_json_and_gets_the_markdown_to_insert()
    {
        var staff = await app.SignedInAsync(Roles.Contributor);

        var response = await staff.Client.UploadAsync(TestImages.Png(40, 30), alt: "Vote [result]", json: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var url = json.GetProperty("url").GetString()!;
        Assert.Matches("^/media/[0-9a-f]{32}\\.png$", url);
        Assert.Equal($"![Vote \\[result\\]]({url})", json.GetProperty("markdown").GetString());
        var list = await staff.Client.GetStringAsync("/admin/media/picker");
        Assert.Contains(url, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_json_upload_answers_400_with_the_message()
    {
        var staff = await app.SignedInAsync(Roles.Contributor);

        var response = await staff.Client.UploadAsync(Encoding.ASCII.GetBytes("GIF89a"), "a.gif", "image/gif", json: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a JPEG, PNG or WebP", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_alternative_text_is_refused()
    {
        var staff = await app.SignedInAsync(Roles.Contributor);
        var items = (await app.StoredItemsAsync()).Count;

        var response = await staff.Client.UploadAsync(TestImages.Png(40, 30), alt: "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("alternative text", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(items, (await app.StoredItemsAsync()).Count);
    }

    [Fact]
    public async Task An_upload_without_an_antiforgery_token_is_refused_and_stores_nothing()
    {
        var staff = await app.SignedInAsync(Roles.Editor);
        var items = (await app.StoredItemsAsync()).Count;

        var response = await staff.Client.UploadAsync(TestImages.Png(40, 30), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(items, (await app.StoredItemsAsync()).Count);
    }

    [Theory]
    [InlineData("not a multipart body at all")]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"File\"; filename=\"a.jpg\"\r\n\r\nno closing boundary")]
    public async Task A_malformed_multipart_body_is_a_bad_request_and_stores_nothing(string body)
    {
        var staff = await app.SignedInAsync(Roles.Contributor);
        var items = (await app.StoredItemsAsync()).Count;
        var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        var response = await staff.Client.PostAsync("/admin/media/upload", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(items, (await app.StoredItemsAsync()).Count);
    }
}
