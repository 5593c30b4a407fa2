using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MepCms.Web.Features.Admin;

/// <summary>
/// A short message shown once on the next page, after a redirect ("Your changes were saved."),
/// kept in TempData under one key that only this type names.
/// </summary>
public static class FlashMessages
{
    private const string Key = "flash";
    private const string PlaceKey = "flash-place";

    /// <param name="place">The panel of the next page the message is about, shown there rather than at the top (the page scrolls to it).</param>
    public static void SetFlash(this ITempDataDictionary tempData, string message, string? place = null)
    {
        tempData[Key] = message;
        if (place is null)
        {
            tempData.Remove(PlaceKey);
        }
        else
        {
            tempData[PlaceKey] = place;
        }
    }

    /// <summary>The message, once: reading it marks it for removal at the end of the request.</summary>
    public static string? TakeFlash(this ITempDataDictionary tempData) => tempData[Key] as string;

    /// <summary>The panel the message belongs to, or null for the top of the page.</summary>
    public static string? TakeFlashPlace(this ITempDataDictionary tempData) => tempData[PlaceKey] as string;
}
