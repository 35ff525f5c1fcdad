using System.Net;
using CampaignEngine.Campaigns;
using CampaignEngine.FairPlay;
using CampaignEngine.Submissions;
using CampaignEngine.UnitTests.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.UnitTests.FairPlay;

/// <summary>One instance's side of the limits: exact counts, refusals with a wait, nothing counted when refused.</summary>
public sealed class NetworkLimiterTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));
    private readonly VoterCookies cookies = new(Options.Create(new EngineOptions { CookieSecret = "limiter" }), NullLogger<VoterCookies>.Instance);
    private readonly NetworkLimiter limiter;

    public NetworkLimiterTests() => limiter = new NetworkLimiter(cookies, time, Options.Create(new NetworkLimitOptions()));

    private static Campaign Poll(int? perAddress, int? perNetwork, int windowMinutes = 30) => PageFixtures.Poll() with
    {
        Protection = new ProtectionSettings(
            perAddress is { } a ? new NetworkLimit(a, windowMinutes) : null,
            perNetwork is { } n ? new NetworkLimit(n, windowMinutes) : null),
    };

    private static HttpContext From(string address) => new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    private NetworkTicket Take(Campaign campaign, string address, string action = "v") => limiter.TryTake(campaign, action, From(address));

    private int Accepted(Campaign campaign, IEnumerable<string> addresses) => addresses.Count(a => !Take(campaign, a).Refused);

    [Fact]
    public void OneAddressGetsExactlyItsLimit()
    {
        var poll = Poll(perAddress: 5, perNetwork: null);

        Assert.Equal(5, Accepted(poll, Enumerable.Repeat("198.51.100.7", 20)));
        Assert.False(Take(poll, "198.51.100.8").Refused);
    }

    [Fact]
    public void OneNetworkGetsExactlyItsLimitWhateverTheAddresses()
    {
        var poll = Poll(perAddress: 5, perNetwork: 12);

        Assert.Equal(12, Accepted(poll, Enumerable.Range(1, 100).Select(i => $"198.51.100.{i}")));
        Assert.False(Take(poll, "198.51.101.1").Refused);
        Assert.True(Take(poll, "::ffff:198.51.100.200").Refused);
    }

    [Fact]
    public void AnIPv6SubscriberIsHeldByTheir64()
    {
        var poll = Poll(perAddress: 5, perNetwork: 8);

        Assert.Equal(8, Accepted(poll, Enumerable.Range(1, 50).Select(i => $"2001:db8:7:7::{i:x}")));
        Assert.False(Take(poll, "2001:db8:7:8::1").Refused);
    }

    [Fact]
    public void ARefusalSaysWhenTheOldestSubmissionsLeaveTheWindow()
    {
        var poll = Poll(perAddress: 2, perNetwork: null);
        Take(poll, "198.51.100.7");
        time.Advance(TimeSpan.FromMinutes(10));
        Take(poll, "198.51.100.7");

        var refused = Take(poll, "198.51.100.7");

        Assert.Equal(TimeSpan.FromMinutes(20), refused.RetryAfter);
        time.Advance(TimeSpan.FromMinutes(20));
        Assert.False(Take(poll, "198.51.100.7").Refused);
        Assert.True(Take(poll, "198.51.100.7").Refused);
    }

    [Fact]
    public void ARefusedSubmissionIsNotCounted()
    {
        var poll = Poll(perAddress: 3, perNetwork: 3);
        Assert.Equal(3, Accepted(poll, Enumerable.Repeat("198.51.100.7", 10)));
        // The network's count is 3, not 10: one more address of it fits once the address's own do.
        var roomy = poll with { Protection = new ProtectionSettings(new NetworkLimit(3, 30), new NetworkLimit(4, 30)) };
        Assert.False(Take(roomy, "198.51.100.9").Refused);
    }

    [Fact]
    public void AReturnedTicketGivesItsPlaceBack()
    {
        var poll = Poll(perAddress: 1, perNetwork: 1);
        var ticket = Take(poll, "198.51.100.7");
        Assert.True(Take(poll, "198.51.100.7").Refused);

        limiter.Return(ticket);

        Assert.False(Take(poll, "198.51.100.7").Refused);
    }

    [Fact]
    public void EachActionAndEachCampaignCountsOnItsOwn()
    {
        var poll = Poll(perAddress: 1, perNetwork: null);
        Assert.False(Take(poll, "198.51.100.7", "v").Refused);
        Assert.False(Take(poll, "198.51.100.7", "e").Refused);
        Assert.False(Take(poll with { Slug = "other-poll" }, "198.51.100.7").Refused);
        Assert.True(Take(poll, "198.51.100.7", "v").Refused);
    }

    [Fact]
    public void WhatTheOtherInstancesPublishedTakesFromTheAllowance()
    {
        var poll = Poll(perAddress: 10, perNetwork: null);
        Take(poll, "198.51.100.9");
        var state = limiter.Actions.Single();
        var key = cookies.NetworkKey(poll.Slug, [(byte)'a', 4, 198, 51, 100, 7]);
        state.Others = new PublishedCounts(new Dictionary<UInt128, int> { [key] = 7 }, new Dictionary<UInt128, int>());

        Assert.Equal(3, Accepted(poll, Enumerable.Repeat("198.51.100.7", 10)));
    }

    [Fact]
    public void LimitsThatAreOffCountNothing()
    {
        var poll = Poll(perAddress: null, perNetwork: null);

        Assert.Equal(50, Accepted(poll, Enumerable.Repeat("198.51.100.7", 50)));
        Assert.Empty(limiter.Actions);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void ThisMachineIsNotCountedByDefault(string loopback) =>
        Assert.Equal(20, Accepted(Poll(perAddress: 1, perNetwork: 1), Enumerable.Repeat(loopback, 20)));

    [Fact]
    public void ThisMachineIsCountedWhenTheOperatorSaysSo()
    {
        var strict = new NetworkLimiter(cookies, time, Options.Create(new NetworkLimitOptions { ExemptLoopback = false }));
        Assert.Equal(1, Enumerable.Range(0, 5).Count(_ => !strict.TryTake(Poll(1, null), "v", From("127.0.0.1")).Refused));
    }

    [Fact]
    public void LooseningOrTighteningKeepsWhatWasCounted()
    {
        var poll = Poll(perAddress: 5, perNetwork: null);
        Assert.Equal(5, Accepted(poll, Enumerable.Repeat("198.51.100.7", 5)));

        var looser = poll with { Protection = new ProtectionSettings(new NetworkLimit(8, 30), null) };
        Assert.Equal(3, Accepted(looser, Enumerable.Repeat("198.51.100.7", 10)));

        var tighterAndLonger = poll with { Protection = new ProtectionSettings(new NetworkLimit(6, 120), null) };
        Assert.True(Take(tighterAndLonger, "198.51.100.7").Refused);
        time.Advance(TimeSpan.FromMinutes(100));
        // Kept for the new, longer window from the moment it changed.
        Assert.True(Take(tighterAndLonger, "198.51.100.7").Refused);
    }
}
