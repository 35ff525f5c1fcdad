using CampaignEngine.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CampaignEngine.UnitTests.Api;

public sealed class PublicUrlsTests
{
    private static HttpRequest Request(string scheme, string host, string pathBase = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        return context.Request;
    }

    private static PublicUrls Urls(string? publicBaseUrl) => new(Options.Create(new EngineOptions { PublicBaseUrl = publicBaseUrl }));

    [Fact]
    public void OurOriginsAreThePublicBaseUrlsAndTheRequestsOwn() =>
        Assert.Equal(["https://vote.example", "https://func-abc.azurewebsites.net"],
            Urls("https://Vote.Example/engine/").Origins(Request("https", "func-abc.azurewebsites.net", "/engine")));

    [Fact]
    public void WithoutAPublicBaseUrlOrWhenItIsTheRequestsOwnThereIsOneOrigin()
    {
        Assert.Equal(["http://127.0.0.1:5000"], Urls(null).Origins(Request("http", "127.0.0.1:5000")));
        Assert.Equal(["https://vote.example"], Urls("https://vote.example").Origins(Request("https", "vote.example:443")));
    }
}
