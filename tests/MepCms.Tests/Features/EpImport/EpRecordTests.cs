using System.Text;
using MepCms.Web.Features.EpImport;
using MepCms.Web.Features.Meps;

namespace MepCms.Tests.Features.EpImport;

public sealed class EpRecordTests
{
    private static readonly DateOnly Today = new(2026, 6, 10);

    private static byte[] Fixture(string path) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ep", path));

    private static readonly IReadOnlyDictionary<string, EpBody> Bodies =
        new[] { "4060", "4064", "5153", "7035", "5704", "7018" }
            .Select(id => EpJsonLd.ParseBody(Fixture($"corporate-bodies/{id}.json")))
            .ToDictionary(b => b.EpId);

    private static EpRecord Record(string json) => EpRecord.From(EpJsonLd.ParseMep(Encoding.UTF8.GetBytes(json), []), Bodies, Today);

    private static string MepJson(string id) => Encoding.UTF8.GetString(Fixture($"meps/{id}.json"));

    [Fact]
    public void A_record_resolves_group_party_and_current_committee_seats_only()
    {
        var record = Record(MepJson("1294"));

        Assert.Equal(("EPP", "Christlich-Soziale Union in Bayern e.V."), (record.PoliticalGroup, record.NationalParty));
        var seat = Assert.Single(record.Seats);
        Assert.Equal(new EpSeat("4060", "ECON", CommitteeRole.Chair, new DateOnly(2024, 7, 23)), seat);
    }

    [Fact]
    public void The_same_record_always_hashes_the_same()
    {
        Assert.Equal(Record(MepJson("197403")).Hash, Record(MepJson("197403")).Hash);
    }

    [Fact]
    public void A_group_change_changes_the_group_and_the_hash()
    {
        var before = Record(MepJson("197403"));
        var changed = MepJson("197403").Replace("{\"@id\": \"org/7035\"}", "\"org/5153\"", StringComparison.Ordinal);

        var after = Record(changed);

        Assert.Equal(("Renew", "EPP"), (before.PoliticalGroup, after.PoliticalGroup));
        Assert.NotEqual(before.Hash, after.Hash);
    }

    [Fact]
    public void An_MEP_whose_memberships_all_ended_has_no_group_and_no_seat()
    {
        var left = MepJson("124936").Replace("\"startDate\": \"2024-07-16\"}", "\"startDate\": \"2024-07-16\", \"endDate\": \"2025-01-31\"}", StringComparison.Ordinal)
            .Replace("\"startDate\": \"2024-07-23\"}", "\"startDate\": \"2024-07-23\", \"endDate\": \"2025-01-31\"}", StringComparison.Ordinal);

        var record = Record(left);

        Assert.Equal("", record.PoliticalGroup);
        Assert.Empty(record.Seats);
    }
}
