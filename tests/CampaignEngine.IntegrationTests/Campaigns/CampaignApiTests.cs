using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Campaigns;

public sealed class CampaignApiTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task CreatingAPollReturnsADraftWithAbsoluteLinks()
    {
        var response = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().WithSlug("summer-flavour").Build());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/campaigns/summer-flavour", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal("poll", body.GetProperty("kind").GetString());
        Assert.Equal("en", body.GetProperty("locale").GetString());
        var links = body.GetProperty("links");
        Assert.Equal(new Uri(Host.BaseAddress, "/c/summer-flavour").ToString(), links.GetProperty("page").GetString());
        Assert.Equal(new Uri(Host.BaseAddress, "/c/summer-flavour/results").ToString(), links.GetProperty("results").GetString());
        Assert.EndsWith("/c/summer-flavour/qr.png", links.GetProperty("qrPng").GetString());
        Assert.EndsWith("/c/summer-flavour/qr.svg", links.GetProperty("qrSvg").GetString());
        Assert.Equal(["choc", "van", "straw"], body.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task SlugIsGeneratedFromTheTitleAndOptionIdsWhenAbsent()
    {
        var campaign = await Host.CreateCampaignAsync(new PollBuilder().WithTitle("Crème Brûlée or Ćevapi? " + Guid.NewGuid().ToString("N")[..6]).WithOptions("Yes", "No"), publish: false);

        Assert.StartsWith("creme-brulee-or-cevapi-", campaign.Slug);
        Assert.Equal(["o1", "o2"], campaign.Options().Select(o => o.Id));
    }

    [Fact]
    public async Task HebrewTitleGetsAGeneratedSlug()
    {
        var campaign = await Host.CreateCampaignAsync(new PollBuilder().WithTitle("איזה טעם הבא?").WithLocale("he"), publish: false);

        Assert.Matches("^poll-[0-9a-f]{6}$", campaign.Slug);
        Assert.Equal("he", campaign.Locale);
    }

    [Fact]
    public async Task ATakenSlugIsAConflict()
    {
        var poll = new PollBuilder().UniqueSlug("taken");
        await Host.CreateCampaignAsync(poll, publish: false);

        var again = await Host.Admin.PostAsJsonAsync("/api/campaigns", poll.Build());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("status", "live")]
    [InlineData("totalVotes", 5)]
    [InlineData("colour", "red")]
    public async Task UnknownAndServerOwnedFieldsAreRejected(string field, object value)
    {
        var response = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().With(field, value).Build());

        var errors = await ValidationErrorsAsync(response);
        Assert.True(errors.ContainsKey(field), $"errors name '{field}': {string.Join(", ", errors.Keys)}");
    }

    [Fact]
    public async Task InvalidFieldsAreAllNamed()
    {
        var response = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder()
            .WithTitle("").WithOptions("Only one").WithLocale("xx").WithSlug("Bad_Slug")
            .WithVotesPerVoter(0, "week").Build());

        var errors = await ValidationErrorsAsync(response);
        Assert.Superset(new HashSet<string> { "title", "options", "locale", "slug", "rules.votesPerVoter", "rules.period" }, errors.Keys.ToHashSet());
    }

    [Fact]
    public async Task AnUnknownKindIsRefusedWithTheKindsThereAre()
    {
        var response = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().With("kind", "raffle").WithTitle("").Build());

        var errors = await ValidationErrorsAsync(response);
        Assert.Contains("Available kinds: contest, poll, survey.", errors["kind"].Single());
        Assert.Contains("title", errors.Keys);
    }

    [Fact]
    public async Task AnOptionLabelThatIsMissingIsNamedByIndex()
    {
        var response = await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder()
            .With("options", new object[] { new { label = "A" }, new { id = "b" } }).Build());

        var errors = await ValidationErrorsAsync(response);
        Assert.Contains("options[1].label", errors.Keys);
    }

    [Fact]
    public async Task MalformedJsonIsABadRequest()
    {
        var response = await Host.Admin.PostAsync("/api/campaigns", new StringContent("{\"kind\": \"poll\", \"title\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AWrongContentTypeIsUnsupported()
    {
        var response = await Host.Admin.PostAsync("/api/campaigns", new StringContent("kind=poll", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABodyOver64KiBIsTooLarge()
    {
        var huge = new PollBuilder().WithDescription(new string('x', 70 * 1024)).Build();
        var response = await Host.Admin.PostAsJsonAsync("/api/campaigns", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AChunkedBodyOver64KiBIsTooLarge()
    {
        var json = JsonSerializer.Serialize(new PollBuilder().WithDescription(new string('x', 70 * 1024)).Build());
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/campaigns") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Host.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    public async Task TheApiRefusesCallersWithoutTheAdminKey(string? authorization)
    {
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync("/api/campaigns");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PublishAndCloseMoveTheCampaignThroughItsLife()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("life"), publish: false);

        var closeDraft = await Host.Admin.PostAsync($"/api/campaigns/{draft.Slug}/close", null);
        Assert.Equal(HttpStatusCode.Conflict, closeDraft.StatusCode);

        var published = await Host.Admin.PostAsync($"/api/campaigns/{draft.Slug}/publish", null);
        Assert.Equal("live", (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var closed = await Host.Admin.PostAsync($"/api/campaigns/{draft.Slug}/close", null);
        var body = await closed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("closed", body.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("closedAt").ValueKind);

        var republish = await Host.Admin.PostAsync($"/api/campaigns/{draft.Slug}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, republish.StatusCode);

        var read = await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{draft.Slug}");
        Assert.Equal("closed", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnknownAndMalformedSlugsAreAnswered()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync("/api/campaigns/no-such-poll")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Admin.GetAsync("/api/campaigns/Not_A%20Slug")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.PostAsync("/api/campaigns/no-such-poll/publish", null)).StatusCode);
    }

    [Fact]
    public async Task CampaignsAreListedAPageAtATime()
    {
        await using var own = await EngineHost.StartAsync();
        for (var i = 0; i < 5; i++) await own.CreateCampaignAsync(new PollBuilder().WithSlug($"listed-{i}"), publish: false);

        var first = await own.Admin.GetFromJsonAsync<JsonElement>("/api/campaigns?pageSize=3");
        var token = first.GetProperty("continuationToken").GetString();
        var second = await own.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns?pageSize=3&continuationToken={Uri.EscapeDataString(token!)}");

        var slugs = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(c => c.GetProperty("slug").GetString()).ToList();
        Assert.Equal(["listed-0", "listed-1", "listed-2", "listed-3", "listed-4"], slugs);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
    }

    [Fact]
    public async Task HealthIsOkWhenStorageAnswers()
    {
        var response = await Host.Admin.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        var doc = await Host.Admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/campaigns", out _));
        Assert.True(paths.TryGetProperty("/api/campaigns/{slug}/results", out _));
        Assert.True(paths.TryGetProperty("/c/{slug}/votes", out _));
        var docs = await Host.Admin.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDeclaresTheAdminKeyOnEveryApiOperationButTheJurorsAndOnNoFanOne()
    {
        var doc = await Host.Admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("adminKey");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Operation: op.Value)))
            .ToList();
        Assert.Contains(operations, o => o.Path.StartsWith("/c/", StringComparison.Ordinal));
        Assert.Contains(operations, o => o.Path.Contains("/jury/", StringComparison.Ordinal));
        foreach (var (path, operation) in operations)
        {
            var schemes = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList()
                : [];
            string[] expected = !path.StartsWith("/api/", StringComparison.Ordinal) ? []
                : path.StartsWith("/api/campaigns/{slug}/jury/", StringComparison.Ordinal) ? ["jurorKey"] : ["adminKey"];
            Assert.True(expected.SequenceEqual(schemes), $"{path}: {string.Join(", ", schemes)}");
        }
    }

    internal static async Task<Dictionary<string, string[]>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
