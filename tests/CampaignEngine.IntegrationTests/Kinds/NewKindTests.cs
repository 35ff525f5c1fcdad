using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Kinds;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Kinds;

/// <summary>A kind added with one registration line gets the whole engine: API, lifecycle, fan route, exactly-once projection, results, pages.</summary>
public sealed class NewKindTests(NewKindTests.Fixture fixture) : IClassFixture<NewKindTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public EngineHost Host { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Host = await EngineHost.StartAsync(services: services => services.AddCampaignKind<ThumbsKind>());

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private EngineHost Host => fixture.Host;

    private async Task<JsonElement> CreateAsync(object body)
    {
        var created = await Host.Admin.PostAsJsonAsync("/api/campaigns", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ARegisteredKindIsCreatedEditedVotedOnAndCountedExactlyOnce()
    {
        var slug = "thumbs-" + Guid.NewGuid().ToString("N")[..8];
        var campaign = await CreateAsync(new { kind = "thumbs", slug, title = "New logo", thumbs = new { prompt = "Do you like the new logo?" } });
        Assert.Equal("Do you like the new logo?", campaign.GetProperty("thumbs").GetProperty("prompt").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PatchAsync($"/api/campaigns/{slug}",
            JsonContent.Create(new { thumbs = new { prompt = "Do you love the new logo?" } }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync($"/api/campaigns/{slug}/publish", null)).StatusCode);

        using var first = Host.CreateClient();
        using var second = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await first.PostAsJsonAsync($"/c/{slug}/thumbs", new { thumb = "up" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await first.PostAsJsonAsync($"/c/{slug}/thumbs", new { thumb = "down" })).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await second.PostFormAsync($"/c/{slug}/thumbs", ("thumb", "down"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.CreateClient().PostAsJsonAsync($"/c/{slug}/thumbs", new { thumb = "sideways" })).StatusCode);
        // A poll's vote route is not a thumbs campaign's.
        Assert.Equal(HttpStatusCode.NotFound, (await Host.CreateClient().PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "x" })).StatusCode);

        var results = await Eventually.ReturnsAsync(() => Host.GetResultsAsync(slug),
            r => r.GetProperty("up").GetInt64() + r.GetProperty("down").GetInt64() == 2, because: "both thumbs to be counted");
        Assert.Equal((1L, 1L), (results.GetProperty("up").GetInt64(), results.GetProperty("down").GetInt64()));
        var page = await Host.CreateClient().GetPageAsync($"/c/{slug}");
        Assert.Equal("Do you love the new logo?", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("1 👍 · 1 👎", (await Host.CreateClient().GetPageAsync($"/c/{slug}/results")).Document.QuerySelector(".thumbs")!.TextContent);
    }

    [Fact]
    public async Task TheKindsAreListedWhenOneIsUnknownAndSectionsStayWithTheirKind()
    {
        var unknown = await Host.Admin.PostAsJsonAsync("/api/campaigns", new { kind = "raffle", title = "x" });
        var errors = await Campaigns.CampaignApiTests.ValidationErrorsAsync(unknown);
        Assert.Contains("Available kinds: contest, poll, survey, thumbs.", errors["kind"].Single());

        var misplaced = await Host.Admin.PostAsJsonAsync("/api/campaigns", new { kind = "poll", title = "x", thumbs = new { prompt = "?" } });
        Assert.Contains("thumbs", (await Campaigns.CampaignApiTests.ValidationErrorsAsync(misplaced)).Keys);
        Assert.Contains("thumbs.prompt", (await Campaigns.CampaignApiTests.ValidationErrorsAsync(
            await Host.Admin.PostAsJsonAsync("/api/campaigns", new { kind = "thumbs", title = "x", thumbs = new { } }))).Keys);
    }

    [Fact]
    public async Task AKindWithoutStringsSpeaksWithTheCoresNeutralWordsAndItsTextsAreTheCores()
    {
        var slug = "thumbs-" + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(new { kind = "thumbs", slug, title = "New logo", thumbs = new { prompt = "Do you like the new logo?" } });
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync($"/api/campaigns/{slug}/publish", null)).StatusCode);
        using var fan = Host.CreateClient();

        var voted = await fan.PostFormAsync($"/c/{slug}/thumbs", ("thumb", "up"));
        var thanks = await fan.GetPageAsync(voted.Response.Headers.Location!.OriginalString);
        var again = await fan.PostFormAsync($"/c/{slug}/thumbs", ("thumb", "down"));

        Assert.Equal("Thank you for taking part!", thanks.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Invite your friends to take part", thanks.Document.GetElementById("share-heading")!.TextContent);
        thanks.Document.QuerySelector(".receipt")?.Remove();
        Assert.DoesNotMatch(@"(?i)\bvot|\bpoll", thanks.Document.Body!.TextContent);
        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.Equal("You have already taken part", again.Document.QuerySelector("h1")!.TextContent);

        // A poll's text is no text of a thumbs campaign; the core's are.
        var refused = await Host.Admin.PostAsJsonAsync("/api/campaigns", new
        {
            kind = "thumbs", title = "x", thumbs = new { prompt = "?" },
            texts = new Dictionary<string, string> { ["vote_button"] = "Go", ["thanks_title"] = "Thumbs up for you!" },
        });
        var errors = await Campaigns.CampaignApiTests.ValidationErrorsAsync(refused);
        Assert.Contains("'vote_button' is a text of 'contest', 'poll' campaigns; this one is a 'thumbs'.", errors["texts.vote_button"].Single());
        Assert.DoesNotContain("texts.thanks_title", errors.Keys);
    }
}
