using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Submissions;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Voting;

/// <summary>
/// Form posts another site makes a visitor's browser send are refused and count nothing; the
/// engine's own page, a listed embedder, an old browser's same-origin post and JSON API calls pass.
/// The headers are set by hand here, as each kind of browser sends them (the fan clients add none).
/// </summary>
public sealed class CrossSiteTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const string Evil = "https://evil.example";
    private const string Shop = "https://shop.example";

    private EngineHost Host => fixture.Host;

    private string Ours => Host.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static async Task<HttpResponseMessage> SendFormAsync(
        HttpClient client, string path, (string Name, string Value)[] headers, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }

    private static (string, string)[] Headers(string? site = null, string? origin = null, string? referer = null) =>
        new (string Name, string? Value)[] { ("Sec-Fetch-Site", site), ("Origin", origin), ("Referer", referer) }
            .Where(h => h.Value is not null).Select(h => (h.Name, h.Value!)).ToArray();

    private static async Task AssertRefusedPageAsync(HttpResponseMessage response, string locale = "en")
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"), "a refused post must not leave a cookie");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(CampaignEngine.Pages.Localization.KindStrings.Embedded<CampaignEngine.Polls.PollKind>().For(locale)["message_cross_site_title"], page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task ACrossSiteFormPostIsRefusedWithAPageAndCountsNothingNorKeepsTheContact()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("xsite").WithContact("optional"));
        using var victim = Host.CreateClient(browserHeaders: false);

        var forged = await SendFormAsync(victim, $"/c/{poll.Slug}/votes", Headers("cross-site", Evil),
            ("optionId", "choc"), ("email", "nobody-confirmed@example.com"), ("consent", "yes"));

        await AssertRefusedPageAsync(forged);
        // Once a later vote is tallied, the refused one would have been too.
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.SeeOther, (await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "van"),
            ("email", "fan@example.com"), ("consent", "yes"))).Response.StatusCode);
        var results = await Host.WaitForTotalAsync(poll.Slug, 1);
        Assert.Equal(0, results.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "choc").GetProperty("votes").GetInt64());
        var contacts = await Eventually.ReturnsAsync(
            async () => (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{poll.Slug}/contacts")).EnumerateArray().ToArray(),
            c => c.Length == 1);
        Assert.Equal("fan@example.com", contacts.Single().GetProperty("email").GetString());
    }

    [Fact]
    public async Task TheRefusalPageSpeaksTheCampaignsLanguageAndLeadsBackToThePoll()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("xsitede").WithLocale("de"));
        using var victim = Host.CreateClient(browserHeaders: false);

        var forged = await SendFormAsync(victim, $"/c/{poll.Slug}/votes", Headers("cross-site", Evil), ("optionId", "choc"));

        var html = await forged.Content.ReadAsStringAsync();
        await AssertRefusedPageAsync(forged, "de");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/c/{poll.Slug}");
    }

    [Fact]
    public async Task AScriptThatPostsAFormAndAsksForJsonGetsAProblem()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("xsitejson"));
        using var client = Host.CreateClient(browserHeaders: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("optionId", "choc")]),
        };
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains("another site", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("same-origin", true)]
    [InlineData("none", true)]
    [InlineData("same-site", false)]
    [InlineData("cross-site", false)]
    public async Task FetchMetadataDecidesWhatABrowserPosted(string site, bool counted)
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("sfs"));
        using var fan = Host.CreateClient(browserHeaders: false);
        // A sibling subdomain posting is same-site, yet not the campaign's page.
        var origin = site == "same-site" ? Ours.Replace("127.0.0.1", "other.localhost") : site == "cross-site" ? Evil : Ours;

        var response = await SendFormAsync(fan, $"/c/{poll.Slug}/votes", Headers(site, origin), ("optionId", "choc"));

        if (counted) Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        else await AssertRefusedPageAsync(response);
    }

    [Fact]
    public async Task WithoutFetchMetadataTheOriginOrElseTheRefererDecides()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("origin"));
        var page = $"{Ours}/c/{poll.Slug}";

        async Task<HttpStatusCode> PostAsync((string, string)[] headers)
        {
            using var fan = Host.CreateClient(browserHeaders: false);
            return (await SendFormAsync(fan, $"/c/{poll.Slug}/votes", headers, ("optionId", "choc"))).StatusCode;
        }

        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(Headers(origin: Ours)));
        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(Headers(referer: page)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Headers(origin: Evil)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Headers(origin: "null")));
        // An Origin that is not ours is not overruled by a Referer that is.
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Headers(origin: Evil, referer: page)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Headers(referer: Evil + $"/c/{poll.Slug}")));
        await Host.WaitForTotalAsync(poll.Slug, 2);
    }

    [Fact]
    public async Task ABrowserThatSendsNoOriginHeadersVotesWithThePagesToken()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("token").WithVotesPerVoter(2));
        using var old = Host.CreateClient(browserHeaders: false);

        // The shared page (the same rendering for every fan) and the returning fan's own page both carry one.
        var shared = await old.GetPageAsync($"/c/{poll.Slug}");
        var token = shared.Document.QuerySelector($"form input[type=hidden][name={FormTokens.Field}]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(HttpStatusCode.SeeOther, (await SendFormAsync(old, $"/c/{poll.Slug}/votes", [], ("optionId", "choc"), (FormTokens.Field, token!))).StatusCode);
        var own = await old.GetPageAsync($"/c/{poll.Slug}");
        Assert.True(own.Response.Headers.CacheControl?.NoStore, "the returning fan's own page");
        var ownToken = own.Document.QuerySelector($"form input[name={FormTokens.Field}]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.SeeOther, (await SendFormAsync(old, $"/c/{poll.Slug}/votes", [], ("optionId", "van"), (FormTokens.Field, ownToken))).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 2);
    }

    [Fact]
    public async Task AnOriginlessPostWithAForgedExpiredForeignOrNoTokenIsRefusedAndCountsNothing()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("forged"));
        var other = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("forgedother"));
        using var old = Host.CreateClient(browserHeaders: false);
        var tokens = Host.Services.GetRequiredService<FormTokens>();
        var valid = tokens.Issue(poll.Slug);

        string?[] refused =
        [
            null,
            "",
            valid[..^2] + (valid.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"),
            tokens.Issue(other.Slug),
            tokens.Issue(poll.Slug, DateTimeOffset.UtcNow - FormTokens.Lifetime - TimeSpan.FromMinutes(1)),
            "1780315200.c2lnbmF0dXJlIG9mIG5vYm9keQ",
        ];
        foreach (var token in refused)
        {
            (string, string)[] fields = token is null ? [("optionId", "choc")] : [("optionId", "choc"), (FormTokens.Field, token)];
            await AssertRefusedPageAsync(await SendFormAsync(old, $"/c/{poll.Slug}/votes", [], fields));
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await SendFormAsync(old, $"/c/{poll.Slug}/votes", [], ("optionId", "van"), (FormTokens.Field, valid))).StatusCode);
        var results = await Host.WaitForTotalAsync(poll.Slug, 1);
        Assert.Equal(1, results.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "van").GetProperty("votes").GetInt64());
    }

    [Fact]
    public async Task AnEmbedderTheCampaignListsMayPostItsOwnFormAndNoOtherSiteMay()
    {
        var listed = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("embedded").With("embedOrigins", new[] { Shop }));
        var unlisted = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("notembedded"));

        async Task<HttpStatusCode> PostAsync(string slug, (string, string)[] headers)
        {
            using var fan = Host.CreateClient(browserHeaders: false);
            return (await SendFormAsync(fan, $"/c/{slug}/votes", headers, ("optionId", "choc"))).StatusCode;
        }

        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(listed.Slug, Headers("cross-site", Shop)));
        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(listed.Slug, Headers(origin: Shop)));
        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(listed.Slug, Headers(referer: Shop + "/ice-cream")));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(listed.Slug, Headers("cross-site", Evil)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(listed.Slug, Headers("cross-site", "http://shop.example")));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(unlisted.Slug, Headers("cross-site", Shop)));
        await Host.WaitForTotalAsync(listed.Slug, 3);
    }

    [Fact]
    public async Task AJsonVoteWithoutOriginHeadersStillWorksAndNoCrossOriginReadIsGranted()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("jsonapi"));
        using var api = Host.CreateClient(browserHeaders: false);

        using var vote = await api.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" });
        Assert.Equal(HttpStatusCode.Accepted, vote.StatusCode);

        // What a browser would ask before sending JSON from another site: the engine grants nothing.
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/c/{poll.Slug}/votes");
        preflight.Headers.Add("Origin", Evil);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var answer = await api.SendAsync(preflight);
        Assert.False(answer.IsSuccessStatusCode, $"preflight answered {(int)answer.StatusCode}");
        Assert.DoesNotContain(answer.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

        using var cross = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes") { Content = JsonContent.Create(new { optionId = "van" }) };
        cross.Headers.Add("Origin", Evil);
        using var script = Host.CreateClient(browserHeaders: false);
        using var crossAnswer = await script.SendAsync(cross);
        Assert.Equal(HttpStatusCode.Accepted, crossAnswer.StatusCode);
        Assert.DoesNotContain(crossAnswer.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

        // A body another site may send without asking first (text/plain) is not taken as either.
        using var simple = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes") { Content = new StringContent("{\"optionId\":\"straw\"}") };
        simple.Headers.Add("Origin", Evil);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await script.SendAsync(simple)).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 2);
    }

    [Fact]
    public async Task AForwardedPostFromThePublicHostTheFanOpenedIsOurs()
    {
        // The public host name must be one the engine serves (AllowedHosts), as in a deployment.
        await using var engine = await EngineHost.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "127.0.0.1;vote.example.net" });
        var poll = await engine.CreateCampaignAsync(new PollBuilder().UniqueSlug("fwdform"));
        using var fan = engine.CreateClient(browserHeaders: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("optionId", "choc")]),
        };
        // As the Functions host forwards it: the original Host, and the scheme the fan used.
        request.Headers.Host = "vote.example.net";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7:50123");
        request.Headers.Add("Origin", "https://vote.example.net");

        using var response = await fan.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task ThePublicBaseUrlsOriginIsOursAsWellAsTheRequestsOwn()
    {
        await using var engine = await EngineHost.StartAsync(new Dictionary<string, string?> { ["CampaignEngine:PublicBaseUrl"] = "https://vote.example.org/" });
        var poll = await engine.CreateCampaignAsync(new PollBuilder().UniqueSlug("public"));
        var own = engine.BaseAddress.GetLeftPart(UriPartial.Authority);

        async Task<HttpStatusCode> PostAsync(string origin)
        {
            using var fan = engine.CreateClient(browserHeaders: false);
            return (await SendFormAsync(fan, $"/c/{poll.Slug}/votes", Headers(origin: origin), ("optionId", "choc"))).StatusCode;
        }

        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync("https://vote.example.org"));
        Assert.Equal(HttpStatusCode.SeeOther, await PostAsync(own));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("http://vote.example.org"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("https://example.org"));
    }
}
