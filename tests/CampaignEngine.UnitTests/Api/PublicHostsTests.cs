using CampaignEngine.Api;
using Microsoft.AspNetCore.Http;

namespace CampaignEngine.UnitTests.Api;

public sealed class PublicHostsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("vote.example.com;*")]
    public void WithoutAnAllowListEveryHostIsServed(string? allowedHosts)
    {
        var hosts = new PublicHosts(allowedHosts, "https://vote.example.com", underFunctionsHost: false);

        Assert.True(hosts.AnyHost);
        Assert.True(hosts.IsAllowed(new HostString("evil.example")));
        Assert.True(hosts.IsAllowed(new HostString("")));
    }

    [Theory]
    [InlineData("vote.example.com")]
    [InlineData("VOTE.Example.com")]
    [InlineData("vote.example.com:8443")]
    [InlineData("polls.example.org")]
    [InlineData("a.b.example.net")]
    public void ListedHostsAreServedInAnyCaseOnAnyPort(string host) =>
        Assert.True(new PublicHosts("vote.example.com; polls.example.org ;*.example.net", null, false).IsAllowed(new HostString(host)));

    [Theory]
    [InlineData("evil.example")]
    [InlineData("vote.example.com.evil.example")]
    [InlineData("example.net")] // *.example.net is its subdomains only
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("")]
    [InlineData("vote.example.com@evil.example")]
    public void AnyOtherHostIsRefused(string host) =>
        Assert.False(new PublicHosts("vote.example.com;*.example.net", null, false).IsAllowed(new HostString(host)));

    [Fact]
    public void ThePublicBaseUrlsHostIsAlwaysServed()
    {
        var hosts = new PublicHosts("vote.example.com", "https://Stimmen.Example.de/", false);

        Assert.True(hosts.IsAllowed(new HostString("stimmen.example.de")));
        Assert.False(hosts.IsAllowed(new HostString("other.example.de")));
    }

    [Fact]
    public void AnInternationalPublicBaseUrlIsMatchedInItsPunycodeForm() =>
        Assert.True(new PublicHosts("x.example", "https://bücher.example", false).IsAllowed(new HostString("xn--bcher-kva.example")));

    [Theory]
    [InlineData("127.0.0.1:7071")]
    [InlineData("localhost:51234")]
    [InlineData("[::1]:7071")]
    public void UnderTheFunctionsHostItsLoopbackCallsAreServed(string host)
    {
        Assert.True(new PublicHosts("vote.example.com", null, underFunctionsHost: true).IsAllowed(new HostString(host)));
        Assert.False(new PublicHosts("vote.example.com", null, underFunctionsHost: false).IsAllowed(new HostString(host)));
    }
}
