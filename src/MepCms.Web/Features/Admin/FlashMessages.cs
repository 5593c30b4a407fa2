using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MepCms.Web.Features.Admin;

/// <summary>
/// A short message shown once on the next page, after a redirect ("Your changes were saved."),
/// kept in TempData under one key that only this type names.
/// </summary>
public static class FlashMessages
{
    private const string Key = "flash";

    public static void SetFlash(this ITempDataDictionary tempData, string message) => tempData[Key] = message;

    /// <summary>The message, once: reading it marks it for removal at the end of the request.</summary>
    public static string? TakeFlash(this ITempDataDictionary tempData) => tempData[Key] as string;
}
