using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using MepCms.Web.Features.EpImport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MepCms.Tests.Features.EpImport;

public sealed class EpApiClientTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 6, 10);
    private EpStubServer _stub = null!;
    private ServiceProvider? _services;
    private TimeProvider? _time;

    public async Task InitializeAsync() => _stub = await EpStubServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await _stub.DisposeAsync();
    }

    /// <summary>A container built the way the app builds it, through AddEpImportHttp, with fast settings unless a test says otherwise.</summary>
    private EpApiClient Client(params (string Key, string Value)[] settings) => Services(settings).GetRequiredService<EpApiClient>();

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        if (_services is null)
        {
            var values = new Dictionary<string, string?>
            {
                ["Site:PublicUrl"] = "https://press.example.eu",
                ["EpImport:BaseAddress"] = _stub.ApiBase.ToString(),
                ["EpImport:Retries"] = "2",
                ["EpImport:RetryDelay"] = "00:00:00.001",
                ["EpImport:MinimumInterval"] = "00:00:00",
                ["EpImport:PhotoHosts:0"] = "127.0.0.1",
            };
            foreach (var (key, value) in settings) values["EpImport:" + key] = value;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            var services = new ServiceCollection().AddLogging();
            if (_time is not null) services.AddSingleton(_time);
            _services = services.AddEpImportHttp(configuration).BuildServiceProvider(validateScopes: true);
        }
        return _services;
    }

    private IReadOnlyList<EpStubServer.Hit> HitsFor(string path) => _stub.Hits.Where(h => h.Path == path).ToList();

    [Fact]
    public async Task The_roster_is_read_page_by_page_until_a_page_comes_back_short()
    {
        var roster = await Client(("PageSize", "2")).RosterAsync(CancellationToken.None);

        Assert.Equal(["1294", "197403", "124936"], roster.Select(r => r.EpId));
        Assert.Equal(["?format=application%2Fld%2Bjson&offset=0&limit=2", "?format=application%2Fld%2Bjson&offset=2&limit=2"],
            HitsFor("meps/show-current").Select(h => h.Query));
    }

    [Fact]
    public async Task MEPs_and_bodies_read_from_the_API_equal_what_the_saved_files_give()
    {
        var directory = new EpDirectory(EpStubServer.Fixtures);
        var client = Client();
        var ids = (await client.RosterAsync(CancellationToken.None)).Select(r => r.EpId).ToList();

        var overHttp = await EpReader.ReadAsync(client, ids, Today, CancellationToken.None);
        var fromFiles = await EpReader.ReadAsync(directory, ids, Today, CancellationToken.None);

        Assert.Empty(overHttp.Errors);
        Assert.Equal(3, overHttp.Records.Count);
        Assert.Equal(fromFiles.Records.Select(r => (r.EpId, r.Hash)), overHttp.Records.Select(r => (r.EpId, r.Hash)));
        Assert.Equal(fromFiles.Warnings, overHttp.Warnings);
        Assert.Equal(fromFiles.Bodies.Keys.Order(), overHttp.Bodies.Keys.Order());
        foreach (var (id, body) in fromFiles.Bodies)
        {
            Assert.Equal((body.EpId, body.Code, body.Classification), (overHttp.Bodies[id].EpId, overHttp.Bodies[id].Code, overHttp.Bodies[id].Classification));
            Assert.Equal(body.Names, overHttp.Bodies[id].Names);
        }
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_its_Retry_After_asks_for()
    {
        _stub.Fail("meps/1294", 429, times: 1, retryAfter: "1");

        var mep = await Client().MepAsync("1294", [], CancellationToken.None);

        Assert.Equal("1294", mep.EpId);
        var hits = HitsFor("meps/1294");
        Assert.Equal(2, hits.Count);
        // The backoff is 1 ms here, so only the header explains a wait of about a second.
        Assert.True(Stopwatch.GetElapsedTime(hits[0].ArrivedAt, hits[1].ArrivedAt) >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task A_500_is_retried_and_the_next_answer_is_used()
    {
        _stub.Fail("corporate-bodies/5153", 500, times: 1);

        var body = await Client().BodyAsync("5153", CancellationToken.None);

        Assert.Equal("5153", body.EpId);
        Assert.Equal(2, HitsFor("corporate-bodies/5153").Count);
    }

    [Fact]
    public async Task A_503_that_never_ends_makes_the_EP_unavailable_after_every_retry()
    {
        _stub.Fail("meps/1294", 503);

        var error = await Assert.ThrowsAsync<EpUnavailableException>(() => Client(("Retries", "3")).MepAsync("1294", [], CancellationToken.None));

        Assert.Equal(4, HitsFor("meps/1294").Count);
        Assert.Equal("127.0.0.1 answered 503 to meps/1294 after 4 attempts.", error.Message);
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_in_time_is_retried()
    {
        _stub.Stall("meps/1294", TimeSpan.FromSeconds(5), times: 1);

        var mep = await Client(("AttemptTimeout", "00:00:00.300")).MepAsync("1294", [], CancellationToken.None);

        Assert.Equal("1294", mep.EpId);
        Assert.Equal(2, HitsFor("meps/1294").Count);
    }

    [Fact]
    public async Task An_EP_that_never_answers_in_time_is_unavailable()
    {
        _stub.Stall("meps/1294", TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<EpUnavailableException>(() =>
            Client(("AttemptTimeout", "00:00:00.200"), ("Retries", "1")).MepAsync("1294", [], CancellationToken.None));

        Assert.Equal("127.0.0.1 did not answer meps/1294 in time (2 attempts).", error.Message);
    }

    [Fact]
    public async Task An_EP_that_refuses_connections_is_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<EpUnavailableException>(() =>
            Client(("BaseAddress", $"http://127.0.0.1:{port}/api/v2/"), ("Retries", "1")).MepAsync("1294", [], CancellationToken.None));

        Assert.StartsWith("127.0.0.1 could not be reached for meps/1294 after 2 attempts", error.Message);
    }

    [Fact]
    public async Task An_MEP_the_EP_does_not_know_is_an_error_for_that_MEP_only_and_is_not_retried()
    {
        var reading = await EpReader.ReadAsync(Client(), ["555", "1294"], Today, CancellationToken.None);

        Assert.Equal(["1294"], reading.Records.Select(r => r.EpId));
        Assert.Equal("127.0.0.1 has no meps/555 (404).", reading.Errors["555"]);
        Assert.Single(HitsFor("meps/555"));
    }

    [Fact]
    public async Task An_answer_over_the_size_limit_is_an_error_for_that_answer_and_is_not_retried()
    {
        var error = await Assert.ThrowsAsync<EpFormatException>(() => Client(("MaxResponseBytes", "200")).MepAsync("1294", [], CancellationToken.None));

        Assert.Contains("meps/1294 is larger than 200 bytes", error.Message);
        Assert.Single(HitsFor("meps/1294"));
    }

    [Fact]
    public async Task Every_request_names_MepCms_and_its_site_and_asks_for_JSON_LD()
    {
        var client = Client();
        await client.MepAsync("1294", [], CancellationToken.None);

        var hit = Assert.Single(_stub.Hits);
        Assert.Equal("MepCms/1.0 (+https://press.example.eu)", hit.UserAgent);
        Assert.Equal("application/ld+json", hit.Accept);
        Assert.Equal("?format=application%2Fld%2Bjson", hit.Query);
        Assert.Equal("127.0.0.1", client.Name);
    }

    [Fact]
    public async Task Requests_sent_together_reach_the_EP_one_minimum_interval_apart()
    {
        // The pacer waits on the injected clock, so the test moves time itself instead of measuring it:
        // arrival times on a real clock bunch up whenever the test process stalls.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-10T08:00:00Z"));
        _time = time;
        Client(("MinimumInterval", "00:00:01"));

        // A client each, as the factory hands them out: the pacing belongs to the process, not to one client.
        // Cancelled at the end, so a failing assertion does not leave reads waiting on a clock nobody moves.
        using var stop = new CancellationTokenSource();
        var reads = new[] { "5153", "7018", "4060" }.Select(id => Client().BodyAsync(id, stop.Token)).ToList();
        try
        {
            await ArrivalsAsync(1);
            for (var expected = 2; expected <= 3; expected++)
            {
                time.Advance(TimeSpan.FromMilliseconds(999));
                await Task.Delay(150);
                Assert.Equal(expected - 1, _stub.Hits.Count);
                time.Advance(TimeSpan.FromMilliseconds(1));
                await ArrivalsAsync(expected);
            }
            await Task.WhenAll(reads);
            Assert.Equal(3, _stub.Hits.Count);
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>Waits (on the real clock, generously) until the stub has seen <paramref name="count"/> requests.</summary>
    private async Task ArrivalsAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while (_stub.Hits.Count < count)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"the stub saw {_stub.Hits.Count} requests, expected {count}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task The_pacer_waits_on_the_injected_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-10T08:00:00Z"));
        var pacer = new EpPacer(Options.Create(new EpImportOptions { MinimumInterval = TimeSpan.FromSeconds(1) }), time);

        var first = pacer.WaitAsync(CancellationToken.None);
        var second = pacer.WaitAsync(CancellationToken.None);
        var third = pacer.WaitAsync(CancellationToken.None);
        Assert.True(first.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await third;
    }

    [Fact]
    public void Retry_After_is_honoured_in_seconds_or_as_a_date_up_to_the_cap()
    {
        var now = DateTimeOffset.Parse("2026-06-10T08:00:00Z");
        var cap = TimeSpan.FromSeconds(60);
        static HttpResponseMessage Answer(RetryConditionHeaderValue? retryAfter) =>
            new(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = retryAfter } };

        Assert.Equal(TimeSpan.FromSeconds(5), EpImportHttpSetup.RetryAfter(Answer(new(TimeSpan.FromSeconds(5))), now, cap));
        Assert.Equal(TimeSpan.FromSeconds(30), EpImportHttpSetup.RetryAfter(Answer(new(now.AddSeconds(30))), now, cap));
        Assert.Equal(cap, EpImportHttpSetup.RetryAfter(Answer(new(TimeSpan.FromHours(1))), now, cap));
        Assert.Equal(TimeSpan.Zero, EpImportHttpSetup.RetryAfter(Answer(new(now.AddSeconds(-5))), now, cap));
        Assert.Null(EpImportHttpSetup.RetryAfter(Answer(null), now, cap));
    }

    [Fact]
    public async Task A_photo_is_fetched_with_its_ETag_and_then_reported_unchanged()
    {
        var client = Client();
        var mep = new EpMep("1294", "Angelika Niebler", "DE", new Uri(_stub.Root, "mepphoto/1294.jpg").ToString(), []);

        var photo = await client.PhotoAsync(mep, null, CancellationToken.None);
        var again = await client.PhotoAsync(mep, photo?.ETag, CancellationToken.None);
        var missing = await client.PhotoAsync(mep with { PhotoUrl = new Uri(_stub.Root, "mepphoto/555.jpg").ToString() }, null, CancellationToken.None);

        Assert.Equal(EpStubServer.Photo, photo?.Bytes);
        Assert.Equal(EpStubServer.PhotoETag, photo?.ETag);
        Assert.Same(EpPhoto.Unchanged, again);
        Assert.Null(missing);
        Assert.Equal([null, EpStubServer.PhotoETag], HitsFor("mepphoto/1294.jpg").Select(h => h.IfNoneMatch));
    }

    [Theory]
    [InlineData("http://localhost:{port}/mepphoto/1294.jpg")]
    [InlineData("http://user@127.0.0.1:{port}/mepphoto/1294.jpg")]
    [InlineData("https://www.europarl.europa.eu.example.org/mepphoto/1294.jpg")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mepphoto/1294.jpg")]
    public async Task A_photo_address_outside_the_EP_host_is_never_requested(string address)
    {
        var mep = new EpMep("1294", "Angelika Niebler", "DE", address.Replace("{port}", _stub.Root.Port.ToString()), []);

        Assert.Null(await Client().PhotoAsync(mep, null, CancellationToken.None));
        Assert.Empty(_stub.Hits);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("1294/../1294")]
    [InlineData("1294?format=text")]
    [InlineData("")]
    public async Task An_identifier_that_is_not_plain_never_reaches_the_EP(string id)
    {
        var client = Client();

        await Assert.ThrowsAsync<EpFormatException>(() => client.MepAsync(id, [], CancellationToken.None));
        await Assert.ThrowsAsync<EpFormatException>(() => client.BodyAsync(id, CancellationToken.None));
        Assert.Empty(_stub.Hits);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_when_the_app_starts()
    {
        var services = Services(("Retries", "50"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Retries", error.Message);
    }
}
