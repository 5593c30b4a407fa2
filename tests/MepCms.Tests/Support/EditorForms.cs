using MepCms.Web.Features.Articles;

namespace MepCms.Tests.Support;

/// <summary>The fields the statement editor posts, and a way to read back what a form currently holds.</summary>
public static class EditorForms
{
    public static Dictionary<string, string> Fields(string title, int authorId, string body = "Body text.", string slug = "", string lead = "A lead.") => new()
    {
        ["Title"] = title, ["Slug"] = slug, ["Lead"] = lead, ["Place"] = "Brussels", ["Language"] = "en",
        ["BodyMarkdown"] = body, ["AuthorIds[0]"] = $"{authorId}",
    };

    /// <summary>Creates a draft through the new-statement form; returns its id.</summary>
    public static async Task<int> CreateDraftAsync(this HttpClient client, Dictionary<string, string> fields)
    {
        var response = await client.PostFormAsync("/admin/articles/new", "/admin/articles/new", fields);
        var location = response.Headers.Location?.OriginalString
            ?? throw new InvalidOperationException("Not saved: " + await response.Content.ReadAsStringAsync());
        return int.Parse(location.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What the edit form shows now: every named input and textarea, the Version token included.</summary>
    public static async Task<Dictionary<string, string>> LoadEditFormAsync(this HttpClient client, int id)
    {
        var page = await client.GetDocumentAsync($"/admin/articles/{id}/edit");
        var form = page.QuerySelector("#article-form")!;
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name]"))
        {
            if (input.GetAttribute("type") is "checkbox" or "radio" && !input.HasAttribute("checked")) { continue; }
            fields[input.GetAttribute("name")!] = input.TagName == "TEXTAREA" ? input.TextContent : input.GetAttribute("value") ?? "";
        }
        foreach (var select in form.QuerySelectorAll("select[name]"))
        {
            fields[select.GetAttribute("name")!] = select.QuerySelector("option[selected]")?.GetAttribute("value") ?? "";
        }
        return fields;
    }

    /// <summary>POSTs a loaded form back (its own antiforgery token included) with some fields changed.</summary>
    public static Task<HttpResponseMessage> SaveEditFormAsync(this HttpClient client, int id, Dictionary<string, string> loaded, Dictionary<string, string> changes)
    {
        var fields = new Dictionary<string, string>(loaded);
        foreach (var (key, value) in changes) { fields[key] = value; }
        return client.PostAsync($"/admin/articles/{id}/edit", new FormUrlEncodedContent(fields));
    }

    public static Task<Article> ReloadAsync(this MepCmsFactory app, int id) =>
        app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Articles, a => a.Id == id));
}
