using System.Text;
using MepCms.Web.Features.EpImport;
using MepCms.Web.Features.Meps;

namespace MepCms.Tests.Features.EpImport;

public sealed class EpJsonLdTests
{
    private static readonly DateOnly Today = new(2026, 6, 10);

    private static byte[] Fixture(string path) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ep", path));

    private static EpMep Mep(string id, List<string>? warnings = null) => EpJsonLd.ParseMep(Fixture($"meps/{id}.json"), warnings ?? []);

    [Fact]
    public void A_chair_is_read_with_country_photo_group_party_and_committee_roles_with_dates()
    {
        var warnings = new List<string>();
        var mep = Mep("1294", warnings);

        Assert.Equal("1294", mep.EpId);
        Assert.Equal("Angelika Niebler", mep.FullName);
        Assert.Equal("DE", mep.CountryCode);
        Assert.Equal("https://www.europarl.europa.eu/mepphoto/1294.jpg", mep.PhotoUrl);
        Assert.Empty(warnings);
        var chair = mep.Memberships.Single(m => m.OrganizationId == "4060");
        Assert.Equal((CommitteeRole.Chair, "COMMITTEE_PARLIAMENTARY_STANDING", new DateOnly(2024, 7, 23)), (chair.Role, chair.Classification, chair.Since!.Value));
        Assert.Equal("7018", mep.Memberships.Single(m => m.Classification == EpJsonLd.NationalPartyClassification).OrganizationId);
        Assert.Equal("5153", mep.Memberships.Single(m => m.Classification == EpJsonLd.GroupClassification).OrganizationId);
    }

    [Fact]
    public void An_ended_membership_keeps_its_end_date_and_is_not_current()
    {
        var ended = Mep("1294").Memberships.Single(m => m.OrganizationId == "4064");

        Assert.Equal(new DateOnly(2024, 7, 15), ended.Until);
        Assert.False(ended.IsCurrentOn(Today));
        Assert.True(Mep("1294").Memberships.Single(m => m.OrganizationId == "4060").IsCurrentOn(Today));
    }

    [Fact]
    public void Values_given_as_id_objects_arrays_and_period_lists_read_the_same_as_strings()
    {
        var mep = Mep("197403");

        Assert.Equal("FR", mep.CountryCode);
        Assert.Equal("https://www.europarl.europa.eu/mepphoto/197403.jpg", mep.PhotoUrl);
        Assert.Equal("7035", mep.Memberships.Single(m => m.Classification == EpJsonLd.GroupClassification).OrganizationId);
        Assert.Equal(CommitteeRole.Substitute, mep.Memberships.Single(m => m.OrganizationId == "4060").Role);
        var vice = mep.Memberships.Single(m => m.OrganizationId == "4064");
        Assert.Equal((CommitteeRole.ViceChair, new DateOnly(2024, 7, 23)), (vice.Role, vice.Since!.Value));
    }

    [Fact]
    public void An_unknown_role_becomes_member_and_is_reported()
    {
        var warnings = new List<string>();
        var mep = Mep("124936", warnings);

        Assert.Equal("Jonas BERG", mep.FullName);
        Assert.Null(mep.PhotoUrl);
        Assert.Equal(CommitteeRole.Member, mep.Memberships.Single(m => m.OrganizationId == "4064").Role);
        Assert.Contains(warnings, w => w.Contains("QUAESTOR_DEPUTY") && w.Contains("124936"));
    }

    [Fact]
    public void A_committee_has_its_code_kind_and_names_per_language()
    {
        var body = EpJsonLd.ParseBody(Fixture("corporate-bodies/4060.json"));

        Assert.Equal(("4060", "ECON", "COMMITTEE_PARLIAMENTARY_STANDING"), (body.EpId, body.Code, body.Classification));
        Assert.Equal("Committee on Economic and Monetary Affairs", body.Names["en"]);
        Assert.Equal("Commission des affaires économiques et monétaires", body.Names["fr"]);
        Assert.Equal("Ausschuss für Wirtschaft und Währung", body.Names["de"]);
    }

    [Fact]
    public void Names_given_as_language_tagged_values_are_read_as_a_language_map()
    {
        var json = """{"data": {"id": "org/1", "label": "X", "prefLabel": [{"@language": "EN", "@value": "Ex"}, {"@language": "fr", "@value": "Ixe"}]}}""";

        var body = EpJsonLd.ParseBody(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("Ex", "Ixe"), (body.Names["en"], body.Names["fr"]));
    }

    [Fact]
    public void The_roster_lists_every_current_MEP_by_EP_id()
    {
        var roster = EpJsonLd.ParseRoster(Fixture("meps/show-current.json"));

        Assert.Equal(["1294", "197403", "124936"], roster.Select(r => r.EpId));
        Assert.Equal("Angelika NIEBLER", roster[0].FullName);
    }

    [Theory]
    [InlineData("{\"data\": [{\"identifier\": \"1\", \"label\": ")]
    [InlineData("<html>Service unavailable</html>")]
    public void Malformed_JSON_is_refused_with_a_reason(string json)
    {
        var error = Assert.Throws<EpFormatException>(() => EpJsonLd.ParseMep(Encoding.UTF8.GetBytes(json), []));

        Assert.Contains("not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("""{"data": "nothing here"}""", "does not hold an MEP")]
    [InlineData("""[1, 2, 3]""", "does not hold an MEP")]
    [InlineData("""{"data": [{"label": "No Id", "citizenship": "country/DEU"}]}""", "no identifier")]
    [InlineData("""{"data": [{"identifier": "9", "label": "Nowhere Man", "citizenship": "country/USA"}]}""", "member state")]
    public void A_body_in_an_unexpected_shape_is_refused_with_a_reason(string json, string reason)
    {
        var error = Assert.Throws<EpFormatException>(() => EpJsonLd.ParseMep(Encoding.UTF8.GetBytes(json), []));

        Assert.Contains(reason, error.Message);
    }
}
