using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;

namespace CampaignEngine.IntegrationTests.Api;

/// <summary>
/// Links, share cards and QR codes come only from configured public origins: a forged Host header
/// is refused before anything is rendered or cached (AllowedHosts), or changes nothing (PublicBaseUrl).
/// </summary>
public sealed class PublicHostTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const string Forged = "evil.example";

    [Theory]
    [InlineData("/c/{0}", "text/html", "text/html")]
    [InlineData("/c/{0}/qr.png", "image/png", "text/plain")]
    [InlineData("/c/{0}/qr.svg", null, "application/problem+json")]
    [InlineData("/c/{0}/card.png", "text/plain", "text/plain")]
    [InlineData("/api/campaigns/{0}", "text/html", "application/problem+json")]
    [InlineData("/", "text/html", "text/html")]
    [InlineData("/healthz", null, "application/problem+json")]
    public async Task AHostThatIsNotAllowedIsRefusedInTheCallersFormat(string pathFormat, string? accept, string mediaType)
    {
        var host = fixture.Host; // AllowedHosts: 127.0.0.1
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("forged"));
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, poll.Slug));
        request.Headers.Host = Forged;
        request.Headers.Authorization = new("Bearer", host.AdminKey);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(Forged, await response.Content.ReadAsStringAsync());
        // And the page for the real host was not poisoned.
        using var fan = host.CreateClient();
        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        Assert.Equal(new Uri(host.BaseAddress, $"/c/{poll.Slug}").ToString(), page.Document.Meta("og:url"));
    }

    [Fact]
    public async Task AForgedHostIsRefusedBeforeAnythingIsStored()
    {
        await using var host = await EngineHost.StartAsync(); // its own queue, which nothing else writes to
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("forgedvote"));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var vote = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes") { Content = JsonContent.Create(new { optionId = "choc" }) };
        vote.Headers.Host = Forged;
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/campaigns") { Content = JsonContent.Create(new PollBuilder().WithSlug("forged-create").Build()) };
        create.Headers.Host = Forged;
        create.Headers.Authorization = new("Bearer", host.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(vote)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(create)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin.GetAsync("/api/campaigns/forged-create")).StatusCode);
        var votes = await host.Queues.GetQueueClient(host.Names.VotesQueue).GetPropertiesAsync();
        Assert.Equal(0, votes.Value.ApproximateMessagesCount);
        Assert.Equal(0, (await host.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
    }

    [Fact]
    public async Task WithAPublicBaseUrlAForgedHostChangesNoLinkCardOrCode()
    {
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["CampaignEngine:PublicBaseUrl"] = "https://vote.example",
        });
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("based"));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        async Task<(string Body, byte[] Qr, byte[] Card, string Links)> ReadAsync(string? hostHeader)
        {
            async Task<HttpResponseMessage> GetAsync(string path, bool admin = false)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (hostHeader is not null) request.Headers.Host = hostHeader;
                request.Headers.Accept.ParseAdd("text/html");
                if (admin) request.Headers.Authorization = new("Bearer", host.AdminKey);
                return await client.SendAsync(request);
            }
            var page = await (await GetAsync($"/c/{poll.Slug}")).Content.ReadAsStringAsync();
            var qr = await (await GetAsync($"/c/{poll.Slug}/qr.png")).Content.ReadAsByteArrayAsync();
            var card = await (await GetAsync($"/c/{poll.Slug}/card.png")).Content.ReadAsByteArrayAsync();
            var links = (await (await GetAsync($"/api/campaigns/{poll.Slug}", admin: true)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").ToString();
            return (page, qr, card, links);
        }

        var real = await ReadAsync("vote.example");
        var forged = await ReadAsync(Forged);

        Assert.Contains($"https://vote.example/c/{poll.Slug}", real.Body);
        Assert.DoesNotContain(Forged, forged.Body);
        Assert.Equal(real.Body, forged.Body);
        Assert.Equal(real.Qr, forged.Qr);
        Assert.Equal(real.Card, forged.Card);
        Assert.Equal(real.Links, forged.Links);
        Assert.DoesNotContain(Forged, forged.Links);
    }
}
