using CampaignEngine.Submissions;
using CampaignEngine.Polls;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.UnitTests.Submissions;

public sealed class VoterCookiesTests
{
    private static VoterCookies Cookies(string secret = "secret-one") =>
        new(Options.Create(new EngineOptions { CookieSecret = secret }), NullLogger<VoterCookies>.Instance);

    private static HttpRequest RequestWith(params (string Name, string Value)[] cookies)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
        return context.Request;
    }

    private static string Issued(VoterCookies cookies, Action<VoterCookies, HttpResponse> write, string name)
    {
        var context = new DefaultHttpContext();
        write(cookies, context.Response);
        var header = context.Response.Headers.SetCookie.Single(h => h!.StartsWith(name + "="))!;
        return header[(name.Length + 1)..header.IndexOf(';')];
    }

    [Fact]
    public void ASignedDeviceCookieReadsBack()
    {
        var cookies = Cookies();
        var device = VoterCookies.NewDeviceId();
        var value = Issued(cookies, (c, r) => c.WriteDevice(r, device), VoterCookies.DeviceCookie);

        Assert.Equal(device, cookies.ReadDevice(RequestWith((VoterCookies.DeviceCookie, value))));
    }

    [Fact]
    public void ATamperedOrForeignDeviceCookieIsIgnored()
    {
        var device = VoterCookies.NewDeviceId();
        var value = Issued(Cookies(), (c, r) => c.WriteDevice(r, device), VoterCookies.DeviceCookie);
        var tampered = VoterCookies.NewDeviceId() + value[22..];

        Assert.Null(Cookies().ReadDevice(RequestWith((VoterCookies.DeviceCookie, tampered))));
        Assert.Null(Cookies("another-secret").ReadDevice(RequestWith((VoterCookies.DeviceCookie, value))));
        Assert.Null(Cookies().ReadDevice(RequestWith((VoterCookies.DeviceCookie, "garbage~!!"))));
    }

    [Fact]
    public void TheLedgerCountsOnlyForTheSameDeviceAndPeriod()
    {
        var cookies = Cookies();
        var device = VoterCookies.NewDeviceId();
        var value = Issued(cookies, (c, r) => c.WriteUsed(r, "my-poll", "v", device, "d20261123", 2), VoterCookies.LedgerCookie("my-poll"));
        var request = RequestWith((VoterCookies.LedgerCookie("my-poll"), value));

        Assert.Equal(2, cookies.ReadUsed(request, "my-poll", "v", device, "d20261123"));
        Assert.Null(cookies.ReadUsed(request, "my-poll", "v", device, "d20261124"));
        Assert.Null(cookies.ReadUsed(request, "my-poll", "v", VoterCookies.NewDeviceId(), "d20261123"));
        Assert.Null(cookies.ReadUsed(request, "my-poll", "e", device, "d20261123"));
    }

    [Fact]
    public void VoterKeysAreStablePerCampaignAndUnlinkableAcross()
    {
        var cookies = Cookies();
        var device = VoterCookies.NewDeviceId();

        Assert.Equal(cookies.VoterKey("a-poll", device), cookies.VoterKey("a-poll", device));
        Assert.NotEqual(cookies.VoterKey("a-poll", device), cookies.VoterKey("b-poll", device));
        Assert.Matches("^[0-9a-f]{32}$", cookies.VoterKey("a-poll", device));
    }

    [Fact]
    public void ReceiptsFollowTheVoteRowAndTheSecret()
    {
        var cookies = Cookies();
        var receipt = cookies.Receipt("v", "voter", "c", 1);

        Assert.Equal(receipt, cookies.Receipt("v", "voter", "c", 1));
        Assert.Matches("^[A-Za-z0-9_-]{16}$", receipt);
        Assert.NotEqual(receipt, cookies.Receipt("v", "voter", "c", 2));
        Assert.NotEqual(receipt, cookies.Receipt("v", "voter", "d20261201", 1));
        Assert.NotEqual(receipt, cookies.Receipt("v", "other", "c", 1));
        Assert.NotEqual(receipt, cookies.Receipt("e", "voter", "c", 1));
        Assert.NotEqual(receipt, Cookies("secret-two").Receipt("v", "voter", "c", 1));
    }

    [Fact]
    public void AnIdempotencyKeyStandsForOneDeviceThatACookieCanCarry()
    {
        var cookies = Cookies();
        var device = cookies.DeviceForRequest("0b6c3b1e-5d7f-4a8e-9c1d-2f3a4b5c6d7e");

        Assert.Equal(device, cookies.DeviceForRequest("0b6c3b1e-5d7f-4a8e-9c1d-2f3a4b5c6d7e"));
        Assert.NotEqual(device, cookies.DeviceForRequest("another-key"));
        var value = Issued(cookies, (c, r) => c.WriteDevice(r, device), VoterCookies.DeviceCookie);
        Assert.Equal(device, cookies.ReadDevice(RequestWith((VoterCookies.DeviceCookie, value))));
    }

    [Fact]
    public void RequestKeysAreKeyedHashesPerCampaign()
    {
        var cookies = Cookies();
        var key = cookies.RequestKey("poll", "my-key");

        Assert.Equal(key, cookies.RequestKey("poll", "my-key"));
        Assert.DoesNotContain("my-key", key);
        Assert.NotEqual(key, cookies.RequestKey("other-poll", "my-key"));
        Assert.NotEqual(key, Cookies("secret-two").RequestKey("poll", "my-key"));
    }
}
