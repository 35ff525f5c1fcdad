using System.Net;
using CampaignEngine.FairPlay;
using CampaignEngine.Submissions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.UnitTests.FairPlay;

public sealed class NetworkKeysTests
{
    private static readonly VoterCookies Cookies = new(Options.Create(new EngineOptions { CookieSecret = "network-keys" }), NullLogger<VoterCookies>.Instance);

    private static byte[] Scoped(string address, NetworkScope scope)
    {
        var bytes = new byte[NetworkKeys.MaxLength];
        return bytes[..NetworkKeys.Write(IPAddress.Parse(address), scope, bytes)];
    }

    private static UInt128 Key(string slug, string address, NetworkScope scope) => Cookies.NetworkKey(slug, Scoped(address, scope));

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.200")]
    [InlineData("198.51.100.0", "198.51.100.255")]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    public void AddressesInOneNetworkShareItsKeyButNotTheirOwn(string one, string other)
    {
        Assert.Equal(Key("poll", one, NetworkScope.Network), Key("poll", other, NetworkScope.Network));
        Assert.NotEqual(Key("poll", one, NetworkScope.Address), Key("poll", other, NetworkScope.Address));
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.101.7")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    public void NeighbouringNetworksAreApart(string one, string other) =>
        Assert.NotEqual(Key("poll", one, NetworkScope.Network), Key("poll", other, NetworkScope.Network));

    [Fact]
    public void AnIPv4NetworkIsA24AndAnIPv6NetworkIsA64()
    {
        Assert.Equal([(byte)'n', 4, 198, 51, 100], Scoped("198.51.100.7", NetworkScope.Network));
        Assert.Equal([(byte)'a', 4, 198, 51, 100, 7], Scoped("198.51.100.7", NetworkScope.Address));
        Assert.Equal(2 + 8, Scoped("2001:db8:1:2::1", NetworkScope.Network).Length);
        Assert.Equal(2 + 16, Scoped("2001:db8:1:2::1", NetworkScope.Address).Length);
    }

    [Theory]
    [InlineData(NetworkScope.Address)]
    [InlineData(NetworkScope.Network)]
    public void AnIPv4MappedAddressIsTheIPv4Address(NetworkScope scope)
    {
        Assert.Equal(Scoped("198.51.100.7", scope), Scoped("::ffff:198.51.100.7", scope));
        Assert.Equal(Key("poll", "198.51.100.7", scope), Key("poll", "::ffff:198.51.100.7", scope));
    }

    [Fact]
    public void AnIPv6AddressThatOnlyLooksLikeIPv4IsNotMapped() =>
        Assert.NotEqual(Scoped("198.51.100.7", NetworkScope.Network), Scoped("::198.51.100.7", NetworkScope.Network));

    [Fact]
    public void AnAddressAndItsNetworkAreDifferentKeysAndEveryCampaignHasItsOwn()
    {
        Assert.NotEqual(Key("poll", "198.51.100.7", NetworkScope.Address), Key("poll", "198.51.100.7", NetworkScope.Network));
        Assert.NotEqual(Key("poll-a", "198.51.100.7", NetworkScope.Address), Key("poll-b", "198.51.100.7", NetworkScope.Address));
        Assert.Equal(Key("poll-a", "198.51.100.7", NetworkScope.Address), Key("poll-a", "198.51.100.7", NetworkScope.Address));
    }

    [Fact]
    public void TheKeyDependsOnTheEngineSecret()
    {
        var other = new VoterCookies(Options.Create(new EngineOptions { CookieSecret = "another" }), NullLogger<VoterCookies>.Instance);
        Assert.NotEqual(Key("poll", "198.51.100.7", NetworkScope.Address), other.NetworkKey("poll", Scoped("198.51.100.7", NetworkScope.Address)));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.45.6.7", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("198.51.100.7", false)]
    [InlineData("::2", false)]
    [InlineData("2001:db8::1", false)]
    public void LoopbackIsRecognisedInEveryForm(string address, bool loopback) =>
        Assert.Equal(loopback, NetworkKeys.IsLoopback(IPAddress.Parse(address)));
}
