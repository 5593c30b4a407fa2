using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace MepCms.Web.Infrastructure.Web.Localization;

/// <summary>
/// The public site's interface text: one resource set (SiteText.resx in English, SiteText.{lang}.resx
/// for every other official language), read in the current UI culture. Views inject
/// <c>IStringLocalizer&lt;SiteText&gt;</c>; view models and controllers that build a sentence
/// without a localizer at hand (a page title, the rating sentence) call the static methods, which
/// read the same resources.
/// </summary>
public sealed class SiteText
{
    private static readonly ResourceManager Resources = new(typeof(SiteText).FullName!, typeof(SiteText).Assembly);

    /// <summary>The text of <paramref name="key"/> in the current UI culture (English when a language lacks it).</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The text of <paramref name="key"/> with its placeholders filled, numbers in the current culture.</summary>
    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);

    /// <summary>The sentence for <paramref name="count"/>, in the plural form the current language needs ("{key}.{category}").</summary>
    public static string Plural(string key, int count) => Format(PluralKey(key, count), count);

    /// <summary>"RatingCount.few": the key of <paramref name="count"/>'s plural form in the current UI culture.</summary>
    public static string PluralKey(string key, int count) =>
        $"{key}.{PluralRules.Category(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, count).ToString().ToLowerInvariant()}";
}

public static class SiteTextLocalizerExtensions
{
    /// <summary>The sentence for <paramref name="count"/> in the plural form of the current UI culture, as <see cref="SiteText.Plural"/>.</summary>
    public static LocalizedString Plural(this IStringLocalizer localizer, string key, int count) =>
        localizer[SiteText.PluralKey(key, count), count];
}
