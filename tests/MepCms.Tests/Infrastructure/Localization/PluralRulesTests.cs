using MepCms.Web.Infrastructure.Web;
using MepCms.Web.Infrastructure.Web.Localization;
using static MepCms.Web.Infrastructure.Web.Localization.PluralCategory;

namespace MepCms.Tests.Infrastructure.Localization;

public sealed class PluralRulesTests
{
    [Theory]
    [InlineData("pl", 1, One)]
    [InlineData("pl", 2, Few)]
    [InlineData("pl", 4, Few)]
    [InlineData("pl", 5, Many)]
    [InlineData("pl", 12, Many)]
    [InlineData("pl", 22, Few)]
    [InlineData("pl", 25, Many)]
    [InlineData("pl", 0, Many)]
    [InlineData("cs", 1, One)]
    [InlineData("cs", 3, Few)]
    [InlineData("cs", 5, Other)]
    [InlineData("cs", 22, Other)]
    [InlineData("sk", 4, Few)]
    [InlineData("hr", 1, One)]
    [InlineData("hr", 21, One)]
    [InlineData("hr", 11, Other)]
    [InlineData("hr", 23, Few)]
    [InlineData("hr", 13, Other)]
    [InlineData("sl", 1, One)]
    [InlineData("sl", 101, One)]
    [InlineData("sl", 2, Two)]
    [InlineData("sl", 102, Two)]
    [InlineData("sl", 3, Few)]
    [InlineData("sl", 5, Other)]
    [InlineData("lt", 1, One)]
    [InlineData("lt", 21, One)]
    [InlineData("lt", 11, Other)]
    [InlineData("lt", 2, Few)]
    [InlineData("lt", 9, Few)]
    [InlineData("lt", 10, Other)]
    [InlineData("lt", 19, Other)]
    [InlineData("lv", 0, Zero)]
    [InlineData("lv", 10, Zero)]
    [InlineData("lv", 11, Zero)]
    [InlineData("lv", 1, One)]
    [InlineData("lv", 21, One)]
    [InlineData("lv", 2, Other)]
    [InlineData("ga", 1, One)]
    [InlineData("ga", 2, Two)]
    [InlineData("ga", 3, Few)]
    [InlineData("ga", 6, Few)]
    [InlineData("ga", 7, Many)]
    [InlineData("ga", 10, Many)]
    [InlineData("ga", 11, Other)]
    [InlineData("mt", 1, One)]
    [InlineData("mt", 2, Two)]
    [InlineData("mt", 0, Few)]
    [InlineData("mt", 3, Few)]
    [InlineData("mt", 110, Few)]
    [InlineData("mt", 11, Many)]
    [InlineData("mt", 119, Many)]
    [InlineData("mt", 20, Other)]
    [InlineData("ro", 1, One)]
    [InlineData("ro", 0, Few)]
    [InlineData("ro", 2, Few)]
    [InlineData("ro", 19, Few)]
    [InlineData("ro", 101, Few)]
    [InlineData("ro", 20, Other)]
    [InlineData("fr", 0, One)]
    [InlineData("fr", 1, One)]
    [InlineData("fr", 2, Other)]
    [InlineData("pt", 0, Other)]
    [InlineData("en", 1, One)]
    [InlineData("en", 0, Other)]
    [InlineData("de", 21, Other)]
    public void A_count_falls_in_its_languages_plural_category(string language, int count, PluralCategory category) =>
        Assert.Equal(category, PluralRules.Category(language, count));

    [Fact]
    public void Every_official_language_uses_exactly_the_categories_it_declares()
    {
        foreach (var (code, _) in EuLanguages.All)
        {
            var used = Enumerable.Range(0, 1000).Select(n => PluralRules.Category(code, n)).Distinct().Order();
            Assert.Equal(PluralRules.CategoriesOf(code).Order(), used);
        }
    }

    [Theory]
    [InlineData("pl", 1, "1 ocena")]
    [InlineData("pl", 2, "2 oceny")]
    [InlineData("pl", 5, "5 ocen")]
    [InlineData("pl", 22, "22 oceny")]
    [InlineData("cs", 3, "3 hodnocení")]
    [InlineData("sk", 1, "1 hodnotenie")]
    [InlineData("sk", 3, "3 hodnotenia")]
    [InlineData("sk", 5, "5 hodnotení")]
    [InlineData("sl", 2, "2 oceni")]
    [InlineData("sl", 4, "4 ocene")]
    [InlineData("sl", 5, "5 ocen")]
    [InlineData("hr", 21, "21 ocjena")]
    [InlineData("hr", 3, "3 ocjene")]
    [InlineData("lt", 1, "1 įvertinimas")]
    [InlineData("lt", 3, "3 įvertinimai")]
    [InlineData("lt", 10, "10 įvertinimų")]
    [InlineData("lv", 1, "1 vērtējums")]
    [InlineData("lv", 2, "2 vērtējumi")]
    [InlineData("lv", 10, "10 vērtējumu")]
    [InlineData("ro", 1, "1 evaluare")]
    [InlineData("ro", 3, "3 evaluări")]
    [InlineData("ro", 20, "20 de evaluări")]
    [InlineData("mt", 1, "1 evalwazzjoni")]
    [InlineData("mt", 3, "3 evalwazzjonijiet")]
    [InlineData("mt", 20, "20 evalwazzjoni")]
    [InlineData("ga", 7, "7 rátáil")]
    [InlineData("fr", 1, "1 note")]
    [InlineData("fr", 1000, "1000 notes")]
    [InlineData("nl", 3, "3 beoordelingen")]
    [InlineData("en", 1, "1 rating")]
    [InlineData("en", 37, "37 ratings")]
    public void The_count_of_ratings_is_grammatical(string language, int count, string text)
    {
        using var culture = new CultureScope(language);

        Assert.Equal(text, SiteText.Plural("RatingCount", count));
    }
}
