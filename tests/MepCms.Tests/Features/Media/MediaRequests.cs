using System.Net.Http.Headers;
using MepCms.Tests.Support;
using MepCms.Web.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace MepCms.Tests.Features.Media;

/// <summary>Uploads the way the browser sends them, and what the app then holds on disk and in the database.</summary>
public static class MediaRequests
{
    public static string MediaFolder(this MepCmsFactory app) => Path.Combine(app.Folder, "media");

    /// <summary>The stored files (a temporary file would count too).</summary>
    public static string[] StoredFiles(this MepCmsFactory app) =>
        Directory.Exists(app.MediaFolder()) ? Directory.GetFiles(app.MediaFolder()) : [];

    public static Task<List<MediaItem>> StoredItemsAsync(this MepCmsFactory app) =>
        app.WithDbAsync(db => db.Media.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public static byte[] StoredBytes(this MepCmsFactory app, MediaItem item) => System.IO.File.ReadAllBytes(Path.Combine(app.MediaFolder(), item.FileName));

    public static ByteArrayContent File(byte[] content, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return file;
    }

    /// <summary>POSTs the library's upload form with a token scraped from the library page.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] content, string fileName = "photo.jpg",
        string contentType = "image/jpeg", string alt = "A picture", bool json = false, bool withToken = true)
    {
        var form = new MultipartFormDataContent { { File(content, contentType), "File", fileName }, { new StringContent(alt), "AltText" } };
        if (withToken)
        {
            form.Add(new StringContent(await client.AntiforgeryTokenAsync("/admin/media")), "__RequestVerificationToken");
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload") { Content = form };
        if (json)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }
        return await client.SendAsync(request);
    }

    /// <summary>An image a contributor uploaded to the library, as stored.</summary>
    public static async Task<MediaItem> UploadedItemAsync(this MepCmsFactory app, byte[] content, string alt = "A picture")
    {
        var staff = await app.SignedInAsync(MepCms.Web.Features.Account.Roles.Contributor);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await staff.Client.UploadAsync(content, alt: alt)).StatusCode);
        return (await app.StoredItemsAsync())[^1];
    }

    public static async Task<HttpResponseMessage> DeleteMediaAsync(this HttpClient client, int id) =>
        await client.PostAsync($"/admin/media/{id}/delete", Staff.Form([], await client.AntiforgeryTokenAsync("/admin/media")));
}
