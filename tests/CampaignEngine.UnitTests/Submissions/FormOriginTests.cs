using CampaignEngine.Submissions;

namespace CampaignEngine.UnitTests.Submissions;

public sealed class FormOriginTests
{
    private const string Ours = "https://vote.example";
    private const string Shop = "https://shop.example";
    private static readonly string[] OurOrigins = [Ours, "http://127.0.0.1:5000"];
    private static readonly string[] Embedders = [Shop];

    private static FormOriginResult Check(string? site, string? origin = null, string? referer = null, string[]? embedders = null) =>
        FormOrigin.Check(new FormOriginHeaders(site, origin, referer), OurOrigins, embedders ?? []).Result;

    [Theory]
    [InlineData("same-origin", Ours)]
    [InlineData("same-origin", null)]
    [InlineData("SAME-ORIGIN", Ours)]
    // The browser judged the initiator itself; Origin "null" then is a privacy artefact, not a forgery.
    [InlineData("same-origin", "null")]
    [InlineData("none", null)]
    public void ABrowserThatSaysThePostCameFromOurPageOrTheUserIsAllowed(string site, string? origin) =>
        Assert.Equal(FormOriginResult.Allowed, Check(site, origin));

    [Theory]
    [InlineData("cross-site", "https://evil.example")]
    [InlineData("cross-site", null)]
    [InlineData("cross-site", "null")]
    // A cross-site post that claims our Origin is lying about one or the other: not ours to trust.
    [InlineData("cross-site", Ours)]
    // A sibling subdomain is another origin.
    [InlineData("same-site", "https://blog.vote.example")]
    [InlineData("same-site", null)]
    [InlineData("sideways", Ours)]
    [InlineData("same-origin, cross-site", Ours)]
    public void ACrossSiteOrSameSitePostIsRefused(string site, string? origin) =>
        Assert.Equal(FormOriginResult.Refused, Check(site, origin));

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public void AnEmbedderTheCampaignListsMayPostItsOwnForm(string site)
    {
        Assert.Equal(FormOriginResult.Allowed, Check(site, Shop, embedders: Embedders));
        Assert.Equal(FormOriginResult.Refused, Check(site, Shop));
        Assert.Equal(FormOriginResult.Refused, Check(site, "https://shop.example.evil", embedders: Embedders));
        Assert.Equal(FormOriginResult.Refused, Check(site, "http://shop.example", embedders: Embedders));
    }

    [Theory]
    [InlineData(Ours, FormOriginResult.Allowed)]
    [InlineData("https://VOTE.example", FormOriginResult.Allowed)]
    [InlineData("http://127.0.0.1:5000", FormOriginResult.Allowed)]
    [InlineData(Shop, FormOriginResult.Allowed)]
    [InlineData("http://vote.example", FormOriginResult.Refused)]
    [InlineData("https://vote.example:8443", FormOriginResult.Refused)]
    [InlineData("https://evil.example", FormOriginResult.Refused)]
    [InlineData("https://vote.example.evil.example", FormOriginResult.Refused)]
    [InlineData("https://vote.example/c/summer", FormOriginResult.Refused)]
    [InlineData("null", FormOriginResult.Refused)]
    [InlineData("not an origin", FormOriginResult.Refused)]
    public void WithoutFetchMetadataTheOriginDecides(string origin, FormOriginResult expected) =>
        Assert.Equal(expected, Check(null, origin, referer: Ours + "/c/summer", embedders: Embedders));

    [Theory]
    [InlineData(Ours + "/c/summer", FormOriginResult.Allowed)]
    [InlineData(Shop + "/products/ice-cream?tab=poll", FormOriginResult.Allowed)]
    [InlineData("https://evil.example/c/summer", FormOriginResult.Refused)]
    [InlineData("https://evil.example/?next=https://vote.example/", FormOriginResult.Refused)]
    [InlineData("android-app://com.example/", FormOriginResult.Refused)]
    [InlineData("garbage", FormOriginResult.Refused)]
    public void WithoutFetchMetadataAndOriginTheReferersOriginDecides(string referer, FormOriginResult expected) =>
        Assert.Equal(expected, Check(null, null, referer, Embedders));

    [Fact]
    public void WithNoneOfTheHeadersTheTokenDecides()
    {
        Assert.Equal(FormOriginResult.NeedsToken, Check(null));
        Assert.Equal(FormOriginResult.NeedsToken, Check("", "", ""));
    }

    [Theory]
    [InlineData("https://Vote.Example:443/c/x", "https://vote.example")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000")]
    [InlineData("ftp://vote.example", null)]
    [InlineData("/c/summer", null)]
    [InlineData(null, null)]
    public void AnOriginIsSchemeHostAndPortInLowerCase(string? url, string? origin) =>
        Assert.Equal(origin, FormOrigin.OriginOf(url));
}
