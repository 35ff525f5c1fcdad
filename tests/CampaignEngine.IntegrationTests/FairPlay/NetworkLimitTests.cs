using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>
/// One engine, a campaign with limits, and fans whose addresses come through the trusted loopback
/// proxy header (the way the Functions host hands them over). The per-IP rate limiter is off here:
/// what is measured is the campaign's own limit.
/// </summary>
public sealed class NetworkLimitTests(NetworkLimitTests.Engine fixture) : IClassFixture<NetworkLimitTests.Engine>
{
    public sealed class Engine : EngineFixture
    {
        protected override IDictionary<string, string?> Settings => NetworkVotes.Settings;
    }

    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task AThousandCookielessVotesFromOneAddressStopAtItsLimit()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("one-address").With("protection", NetworkVotes.Limits(perAddress: 50)));
        using var fan = Host.CreateClient(cookies: false);

        var answers = await NetworkVotes.SendAsync(fan, poll.Slug, 1000, _ => "198.51.100.7");

        Assert.Equal(50, answers.Count(a => a.Status == HttpStatusCode.Accepted));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Accepted), a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.Status);
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.InRange(a.RetryAfter!.Value, 1, 3600);
        });
        // Another address is a fan like any other.
        Assert.Equal(HttpStatusCode.Accepted, (await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.8")).Status);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 51);
    }

    [Fact]
    public async Task AThousandVotesFromAcrossOneNetworkStopAtItsLimit()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("one-network").With("protection", NetworkVotes.Limits(perNetwork: 80)));
        using var fan = Host.CreateClient(cookies: false);

        var answers = await NetworkVotes.SendAsync(fan, poll.Slug, 1000, i => $"203.0.113.{1 + i % 254}");

        Assert.Equal(80, answers.Count(a => a.Status == HttpStatusCode.Accepted));
        Assert.Equal(920, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.Accepted, (await NetworkVotes.VoteAsync(fan, poll.Slug, "203.0.114.1")).Status);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 81);
    }

    [Fact]
    public async Task AnIdempotentRetryOfACountedVoteGetsItsReceiptEvenAtTheLimit()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("retry-limit").With("protection", NetworkVotes.Limits(perAddress: 3)));
        using var fan = Host.CreateClient(cookies: false);
        var key = Guid.NewGuid().ToString();

        var first = await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.20", key);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.20");
        await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.20");
        var over = await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.20");
        var retry = await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.20", key);

        Assert.Equal(HttpStatusCode.TooManyRequests, over.Status);
        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(first.Receipt, retry.Receipt);
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 3);
    }

    [Fact]
    public async Task ARefusedFormPostGetsTheFriendlyPageAndNoCookie()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("form-limit").WithLocale("de")
            .With("protection", NetworkVotes.Limits(perAddress: 1)));
        // No cookie jar, so the test sees every Set-Cookie header.
        using var fan = Host.CreateClient(cookies: false);
        await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.30");

        using var form = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["optionId"] = "choc" }),
        };
        form.Headers.Add("X-Forwarded-For", "198.51.100.30");
        // What a browser sends from the campaign's own page.
        form.Headers.Add("Sec-Fetch-Site", "same-origin");
        form.Headers.Add("Origin", Host.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var refused = await fan.SendAsync(form);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Zu viele Stimmen aus deinem Netzwerk", html);
        Assert.Contains($"/c/{poll.Slug}/results", html);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        await NetworkVotes.TallyStaysAsync(Host, poll.Slug, 1);
    }

    [Theory]
    [InlineData("203.0.113.9", "198.51.100.1", "203.0.113.9")]
    [InlineData("2001:db8::9", "198.51.100.1", "2001:db8::9")]
    [InlineData("127.0.0.1", "198.51.100.1", "198.51.100.1")]
    [InlineData("::1", "198.51.100.1", "198.51.100.1")]
    [InlineData("127.0.0.1", "198.51.100.1, 192.0.2.44", "192.0.2.44")]
    public async Task OnlyAProxyOnThisMachineSaysWhoTheFanIs(string peer, string forwardedFor, string counted)
    {
        // The engine's own forwarded-headers settings: a direct client's X-Forwarded-For is ignored, and
        // from a proxy here only the entry that proxy added counts, not what the client wrote before it.
        var middleware = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance,
            Host.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;

        await middleware.Invoke(context);

        Assert.Equal(IPAddress.Parse(counted), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task VotesFromThisMachineAreNotCountedByDefault()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("loopback").With("protection", NetworkVotes.Limits(perAddress: 1, perNetwork: 1)));
        using var fan = Host.CreateClient(cookies: false);

        for (var i = 0; i < 5; i++)
        {
            var response = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    [Fact]
    public async Task ANewCampaignHasTheDefaultLimitsAndAPatchChangesThemWhileLive()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("patch-limits"));
        using var fan = Host.CreateClient(cookies: false);
        var created = await (await Host.Admin.GetAsync($"/api/campaigns/{poll.Slug}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2000, created.GetProperty("protection").GetProperty("perAddress").GetProperty("limit").GetInt32());
        Assert.Equal(10000, created.GetProperty("protection").GetProperty("perNetwork").GetProperty("limit").GetInt32());

        await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.40");
        await NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.40");
        var tightened = await NetworkVotes.PatchAsync(Host, poll.Slug, """{"protection":{"perAddress":{"limit":2},"perNetwork":null}}""");
        Assert.Equal(HttpStatusCode.OK, tightened.StatusCode);
        var body = await tightened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("protection").GetProperty("perNetwork").ValueKind);

        // The campaign cache holds the old settings for a few seconds.
        await Eventually.ReturnsAsync(() => NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.40"), a => a.Status == HttpStatusCode.TooManyRequests,
            TimeSpan.FromSeconds(20), "the tightened limit to apply");
        var loosened = await NetworkVotes.PatchAsync(Host, poll.Slug, """{"protection":{"perAddress":{"limit":0}}}""");
        Assert.Equal(HttpStatusCode.OK, loosened.StatusCode);
        await Eventually.ReturnsAsync(() => NetworkVotes.VoteAsync(fan, poll.Slug, "198.51.100.40"), a => a.Status == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(20), "the limit to be off");
    }
}

/// <summary>Votes sent as if through a proxy on this machine, which says whom it forwards for.</summary>
internal static class NetworkVotes
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["RateLimits:Enabled"] = "false",
        ["NetworkLimits:SyncInterval"] = "00:00:00.200",
        ["NetworkLimits:HeartbeatInterval"] = "00:00:00.500",
        // Every instance must hash addresses alike (in production: the same CookieSecret or admin key).
        ["CampaignEngine:CookieSecret"] = "network-limit-tests-secret",
    };

    public static object Limits(int? perAddress = null, int? perNetwork = null) => new
    {
        perAddress = perAddress is { } a ? new { limit = a, windowMinutes = 60 } : null,
        perNetwork = perNetwork is { } n ? new { limit = n, windowMinutes = 60 } : null,
    };

    public sealed record Answer(HttpStatusCode Status, string? Receipt, string? MediaType, double? RetryAfter);

    public static async Task<Answer> VoteAsync(HttpClient fan, string slug, string forwardedFor, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{slug}/votes") { Content = JsonContent.Create(new { optionId = "choc" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await fan.SendAsync(request);
        string? receipt = null;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString();
        }
        return new Answer(response.StatusCode, receipt, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.Delta?.TotalSeconds);
    }

    /// <summary>Sends <paramref name="count"/> cookieless votes, 16 at a time, from the address <paramref name="address"/> gives each.</summary>
    public static async Task<List<Answer>> SendAsync(HttpClient fan, string slug, int count, Func<int, string> address, Func<int, HttpClient>? clientOf = null)
    {
        var answers = new Answer[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => answers[i] = await VoteAsync(clientOf?.Invoke(i) ?? fan, slug, address(i)));
        return [.. answers];
    }

    public static async Task<HttpResponseMessage> PatchAsync(EngineHost host, string slug, string patch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/campaigns/{slug}")
        {
            Content = new StringContent(patch, System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        return await host.Admin.SendAsync(request);
    }

    /// <summary>The tally reaches <paramref name="expected"/> and is still there once the queue and the outbox are empty: nothing refused was queued.</summary>
    public static async Task TallyStaysAsync(EngineHost host, string slug, long expected)
    {
        await host.WaitForTotalAsync(slug, expected);
        var queue = host.Queues.GetQueueClient(host.Names.VotesQueue);
        var outbox = host.Tables.GetTableClient(host.Names.OutboxTable);
        await Eventually.ReturnsAsync(async () =>
                (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0
                && !await outbox.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1).AnyAsync(),
            drained => drained, TimeSpan.FromSeconds(30), "the votes queue and the outbox to be empty");
        Assert.Equal(expected, (await host.GetResultsAsync(slug)).GetProperty("totalVotes").GetInt64());
    }
}
