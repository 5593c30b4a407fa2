using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using MepCms.Web.Features.Shared;
using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;

namespace MepCms.Tests.Infrastructure.Localization;

/// <summary>Every official language has every interface text, with the same placeholders, and nothing more.</summary>
public sealed partial class SiteTextResourceTests
{
    private static readonly ResourceManager Resources = new(typeof(SiteText).FullName!, typeof(SiteText).Assembly);

    public static TheoryData<string> OtherLanguages() => [.. EuLanguages.All.Select(l => l.Code).Where(c => c != "en")];

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static Dictionary<string, string> English => Texts(CultureInfo.InvariantCulture);

    /// <summary>"RatingCount" for "RatingCount.one": a text with one form per plural category.</summary>
    private static string? PluralBase(string key) => PluralSuffix().Match(key) is { Success: true } m ? key[..m.Index] : null;

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void A_language_has_every_English_text_and_no_other(string language)
    {
        var texts = Texts(new CultureInfo(language));
        var expected = English.Keys.Where(k => PluralBase(k) is null)
            .Concat(English.Keys.Select(PluralBase).OfType<string>().Distinct()
                .SelectMany(b => PluralRules.CategoriesOf(language).Select(c => $"{b}.{c.ToString().ToLowerInvariant()}")))
            .Order().ToList();

        Assert.Equal(expected, texts.Keys.Order().ToList());
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t.Value), $"{language}: {t.Key} is empty"));
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void A_translation_keeps_the_placeholders_of_the_English_text(string language)
    {
        var english = English;
        foreach (var (key, text) in Texts(new CultureInfo(language)))
        {
            var source = english.TryGetValue(key, out var same) ? same : english[PluralBase(key)! + ".other"];
            Assert.True(Placeholders(source).SequenceEqual(Placeholders(text)), $"{language}: {key} has {text}");
        }
    }

    [Fact]
    public void English_gives_one_and_other_for_every_plural_text()
    {
        var bases = English.Keys.Select(PluralBase).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(bases);
        Assert.All(bases, b => Assert.Equal([$"{b}.one", $"{b}.other"], English.Keys.Where(k => PluralBase(k) == b).Order()));
    }

    [Theory]
    [InlineData("nl", "Hoe waardevol vond u dit artikel?")]
    [InlineData("fr", "Dans quelle mesure cet article vous a-t-il été utile\u202F?")]
    [InlineData("de", "Wie wertvoll fanden Sie diesen Artikel?")]
    [InlineData("en", "How valuable did you find this article?")]
    public void The_rating_question_is_asked_in_the_current_culture(string language, string question)
    {
        using var culture = new CultureScope(language);

        Assert.Equal(question, SiteText.Get("RatingQuestion"));
    }

    [Theory]
    [InlineData("en", "6 October 2023")]
    [InlineData("bg", "6 октомври 2023 г.")]
    [InlineData("cs", "6. října 2023")]
    [InlineData("da", "6. oktober 2023")]
    [InlineData("de", "6. Oktober 2023")]
    [InlineData("el", "6 Οκτωβρίου 2023")]
    [InlineData("es", "6 de octubre de 2023")]
    [InlineData("et", "6. oktoober 2023")]
    [InlineData("fi", "6. lokakuuta 2023")]
    [InlineData("fr", "6 octobre 2023")]
    [InlineData("ga", "6 Deireadh Fómhair 2023")]
    [InlineData("hr", "6. listopada 2023.")]
    [InlineData("hu", "2023. október 6.")]
    [InlineData("it", "6 ottobre 2023")]
    [InlineData("lt", "2023 m. spalio 6 d.")]
    [InlineData("lv", "2023. gada 6. oktobris")]
    [InlineData("mt", "6 ta’ Ottubru 2023")]
    [InlineData("nl", "6 oktober 2023")]
    [InlineData("pl", "6 października 2023")]
    [InlineData("pt", "6 de outubro de 2023")]
    [InlineData("ro", "6 octombrie 2023")]
    [InlineData("sk", "6. októbra 2023")]
    [InlineData("sl", "6. oktober 2023")]
    [InlineData("sv", "6 oktober 2023")]
    public void A_date_is_written_the_way_the_language_writes_it(string language, string date)
    {
        using var culture = new CultureScope(language);

        Assert.Equal(date, BrusselsTime.DateForReaders(new DateTime(2023, 10, 6, 10, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("nl", "6 oktober 2023, 12:00")]
    [InlineData("fr", "6 octobre 2023 à 12\u00A0h\u00A000")]
    [InlineData("de", "6. Oktober 2023, 12:00 Uhr")]
    [InlineData("hu", "2023. október 6. 12:00")]
    [InlineData("fi", "6. lokakuuta 2023 klo 12.00")]
    public void A_time_is_written_in_Brussels_time_the_way_the_language_writes_it(string language, string text)
    {
        using var culture = new CultureScope(language);

        Assert.Equal(text, BrusselsTime.DateTimeForReaders(new DateTime(2023, 10, 6, 10, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Without_a_language_dates_stay_as_the_back_office_writes_them()
    {
        using var culture = new CultureScope("");
        var at = new DateTime(2023, 10, 6, 10, 0, 0, DateTimeKind.Utc);

        Assert.Equal(BrusselsTime.Date(at), BrusselsTime.DateForReaders(at));
        Assert.Equal(BrusselsTime.DateTimeText(at), BrusselsTime.DateTimeForReaders(at));
    }

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\.(zero|one|two|few|many|other)$")]
    private static partial Regex PluralSuffix();
}

/// <summary>The current culture and UI culture set for the length of a test, as a request's route will set them.</summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string language)
    {
        var culture = language.Length == 0 ? CultureInfo.InvariantCulture : new CultureInfo(language);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
