using System.Diagnostics;
using System.Net;
using CampaignEngine.FairPlay;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>
/// Two engines on one Azurite with one storage prefix, as two instances of one deployment: a
/// campaign's limit holds over both, exactly when they take turns and within the documented bound
/// when a flood hits both at once.
/// </summary>
public sealed class TwoInstanceNetworkLimitTests(TwoInstanceNetworkLimitTests.Pair pair, ITestOutputHelper output) : IClassFixture<TwoInstanceNetworkLimitTests.Pair>
{
    public sealed class Pair : IAsyncLifetime
    {
        public EngineHost A { get; private set; } = null!;
        public EngineHost B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            A = await EngineHost.StartAsync(NetworkVotes.Settings);
            B = await EngineHost.StartAsync(NetworkVotes.Settings, A.Azurite, A.Prefix);
        }

        public async Task DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("address")]
    [InlineData("network")]
    public async Task WhatOneInstanceCountedIsTakenFromTheOthersAllowance(string scope)
    {
        var byAddress = scope == "address";
        var poll = await pair.A.CreateCampaignAsync(new PollBuilder().UniqueSlug("shared-" + scope)
            .With("protection", byAddress ? NetworkVotes.Limits(perAddress: 100) : NetworkVotes.Limits(perNetwork: 100)));
        using var atA = pair.A.CreateClient(cookies: false);
        using var atB = pair.B.CreateClient(cookies: false);
        Func<int, string> from = byAddress ? _ => "198.51.100.50" : i => $"192.0.2.{1 + i % 254}";

        // B takes one (so it follows the campaign), A takes 59, and B learns of them.
        Assert.Equal(HttpStatusCode.Accepted, (await NetworkVotes.VoteAsync(atB, poll.Slug, from(0))).Status);
        var first = await NetworkVotes.SendAsync(atA, poll.Slug, 59, i => from(i + 1));
        Assert.All(first, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        await Eventually.ReturnsAsync(() => Task.FromResult(Published(pair.B, poll.Slug, byAddress)), n => n == 59, TimeSpan.FromSeconds(20),
            "B to read A's count");

        // The rest of the thousand at B: it takes only what is left of the limit.
        var rest = await NetworkVotes.SendAsync(atB, poll.Slug, 940, i => from(i + 60));

        Assert.Equal(40, rest.Count(a => a.Status == HttpStatusCode.Accepted));
        Assert.Equal(900, rest.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        await NetworkVotes.TallyStaysAsync(pair.A, poll.Slug, 100);
    }

    [Fact]
    public async Task AFloodOnBothInstancesAtOnceStopsWithinTheDocumentedBound()
    {
        const int limit = 100;
        var poll = await pair.A.CreateCampaignAsync(new PollBuilder().UniqueSlug("flood-both").With("protection", NetworkVotes.Limits(perAddress: limit)));
        using var atA = pair.A.CreateClient(cookies: false);
        using var atB = pair.B.CreateClient(cookies: false);
        // Both instances follow the campaign and know of each other before the flood.
        await NetworkVotes.VoteAsync(atA, poll.Slug, "198.51.100.61");
        await NetworkVotes.VoteAsync(atB, poll.Slug, "198.51.100.62");
        var sync = pair.A.Services.GetRequiredService<NetworkLimitSync>();
        await Eventually.ReturnsAsync(() => Task.FromResult(sync.Instances), n => n == 2, TimeSpan.FromSeconds(20), "both heartbeats");

        var clock = Stopwatch.StartNew();
        var answers = await NetworkVotes.SendAsync(atA, poll.Slug, 1000, _ => "198.51.100.60", i => i % 2 == 0 ? atA : atB);
        var elapsed = clock.Elapsed;

        var accepted = answers.Count(a => a.Status == HttpStatusCode.Accepted);
        var options = pair.A.Services.GetRequiredService<IOptions<NetworkLimitOptions>>().Value;
        var threshold = NetworkAllowance.PublishAbove(limit, 2, options.PublishAbove);
        // While the flood is being accepted, the requests are the accepts: the bound uses their rate.
        var rate = answers.Count / elapsed.TotalSeconds;
        var bound = NetworkAllowance.OvershootBound(2, threshold, rate, options.SyncInterval, roundTrip: TimeSpan.FromMilliseconds(250));
        output.WriteLine($"accepted {accepted} of 1000 at {rate:0} requests/s; limit {limit}, bound {limit + bound:0.0} (threshold {threshold})");
        Assert.InRange(accepted, limit, limit + bound);
        Assert.Equal(1000 - accepted, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        await NetworkVotes.TallyStaysAsync(pair.B, poll.Slug, accepted + 2);

        // Once both have seen each other's counts, neither takes another.
        await Task.Delay(4 * options.SyncInterval + TimeSpan.FromMilliseconds(500));
        var after = await NetworkVotes.SendAsync(atA, poll.Slug, 40, _ => "198.51.100.60", i => i % 2 == 0 ? atA : atB);
        Assert.All(after, a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
    }

    /// <summary>The count the other instances published for the campaign's one hot key, as <paramref name="host"/> last read it.</summary>
    private static int Published(EngineHost host, string slug, bool byAddress)
    {
        var state = host.Services.GetRequiredService<NetworkLimiter>().Actions.SingleOrDefault(a => a.Slug == slug);
        var counts = state is null ? null : byAddress ? state.Others.Address : state.Others.Network;
        return counts is { Count: > 0 } ? counts.Values.Max() : 0;
    }
}
