using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;

namespace CampaignEngine.IntegrationTests.Campaigns;

/// <summary>Editing, copying, deleting and archiving campaigns, and finding them again in the list.</summary>
public sealed class CampaignManagementTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private async Task<HttpResponseMessage> PatchAsync(string slug, object patch, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/campaigns/{slug}")
        {
            Content = new StringContent(JsonSerializer.Serialize(patch), Encoding.UTF8, "application/merge-patch+json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Host.Admin.SendAsync(request);
    }

    private async Task<string> ETagOfAsync(string slug)
    {
        var response = await Host.Admin.GetAsync($"/api/campaigns/{slug}");
        return response.Headers.ETag!.ToString();
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    [Fact]
    public async Task ADraftCanChangeInEveryFieldAndTheETagMovesWithIt()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("edit"), publish: false);
        var etag = await ETagOfAsync(draft.Slug);
        Assert.Matches("^\"[0-9a-f]{20}\"$", etag);

        var response = await PatchAsync(draft.Slug, new
        {
            title = "Fixed typo",
            description = (string?)null,
            locale = "fr",
            poll = new { options = new[] { new { id = "x", label = "X" }, new { id = "y", label = "Y" } }, rules = new { votesPerVoter = 3, period = "day" } },
        }, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Fixed typo", body.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("description").ValueKind);
        Assert.Equal("fr", body.GetProperty("locale").GetString());
        Assert.Equal(["x", "y"], body.GetProperty("poll").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        // The older top-level fields follow the section.
        Assert.Equal(3, body.GetProperty("rules").GetProperty("votesPerVoter").GetInt32());
        Assert.Equal("Fixed typo", (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{draft.Slug}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AStaleETagIs412AndChangesNothing()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("stale"), publish: false);
        var etag = await ETagOfAsync(draft.Slug);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(draft.Slug, new { title = "First edit" }, etag)).StatusCode);

        var stale = await PatchAsync(draft.Slug, new { title = "Second edit" }, etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("First edit", (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{draft.Slug}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task WithoutIfMatchTheEditAppliesToTheCurrentVersion()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("nomatch"), publish: false);

        var response = await PatchAsync(draft.Slug, new { options = new[] { new { label = "Only A" }, new { label = "Only B" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Only A", "Only B"], body.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task ConcurrentEditsWithoutIfMatchAreEachAppliedOrRefusedNeverLost()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("race"), publish: false);
        string[] keys = ["vote_button", "thanks_title", "thanks_text", "view_results", "share_heading", "receipt_label"];

        var answers = await Task.WhenAll(keys.Select(async key =>
            (Key: key, Status: (await PatchAsync(draft.Slug, new { texts = new Dictionary<string, string> { [key] = "Text for " + key } })).StatusCode)));

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK);
        var texts = (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{draft.Slug}")).GetProperty("texts");
        // An edit answered 200 must still be there after every other one: a lost update would drop it.
        foreach (var (key, _) in answers.Where(a => a.Status == HttpStatusCode.OK))
        {
            Assert.Equal("Text for " + key, texts.GetProperty(key).GetString());
        }
    }

    [Fact]
    public async Task AnInvalidPatchIsNamedByFieldAndChangesNothing()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("badpatch"), publish: false);

        var errors = await ErrorsAsync(await PatchAsync(draft.Slug, new { title = "", status = "live", poll = new { options = new[] { new { label = "One" } } } }),
            HttpStatusCode.BadRequest);

        Assert.Superset(new HashSet<string> { "title", "status", "poll.options" }, errors.Keys.ToHashSet());
        Assert.Equal(draft.Title, (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{draft.Slug}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ALivePollTakesTextsALaterEndAndAddedOptionsButNothingThatChangesACount()
    {
        var ends = DateTimeOffset.UtcNow.AddDays(3);
        var live = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("livepatch").With("endsAt", ends));
        var options = live.Options().Select(o => new { id = o.Id, label = o.Label }).ToList();

        var allowed = await PatchAsync(live.Slug, new
        {
            title = "Which flavour next? (final round)",
            endsAt = ends.AddDays(2),
            options = options.Append(new { id = (string?)"mint", label = (string?)"Mint" }).ToList(),
        });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var refused = await ErrorsAsync(await PatchAsync(live.Slug, new
        {
            endsAt = ends,
            slug = "another-slug",
            options = options.Take(2).ToList(),
            rules = new { votesPerVoter = 5, period = "campaign" },
            contact = new { mode = "optional", consentText = "Offers please" },
        }), HttpStatusCode.Conflict);

        Assert.Contains("slug", refused.Keys);
        var second = await ErrorsAsync(await PatchAsync(live.Slug, new
        {
            endsAt = ends,
            options = options.Take(2).ToList(),
            rules = new { votesPerVoter = 5, period = "campaign" },
            contact = new { mode = "optional", consentText = "Offers please" },
        }), HttpStatusCode.Conflict);
        Assert.Superset(new HashSet<string> { "endsAt", "poll.options", "poll.rules", "contact.mode" }, second.Keys.ToHashSet());
        Assert.Contains("straw", second["poll.options"].Single());
        var read = await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{live.Slug}");
        Assert.Equal(4, read.GetProperty("options").GetArrayLength());
        Assert.Equal("Which flavour next? (final round)", read.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ACampaignCanBeDuplicatedIntoANewDraft()
    {
        var original = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("orig").WithVotesPerVoter(2, "day"));

        var response = await Host.Admin.PostAsync($"/api/campaigns/{original.Slug}/duplicate", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var copy = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(original.Slug, copy.GetProperty("slug").GetString());
        Assert.Equal("draft", copy.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, copy.GetProperty("publishedAt").ValueKind);
        Assert.Equal(2, copy.GetProperty("poll").GetProperty("rules").GetProperty("votesPerVoter").GetInt32());
        Assert.Equal(original.Title, copy.GetProperty("title").GetString());

        var named = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{original.Slug}/duplicate", new { slug = original.Slug + "-2", title = "Round two" });
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        Assert.Equal("Round two", (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Host.Admin.PostAsJsonAsync($"/api/campaigns/{original.Slug}/duplicate", new { slug = original.Slug + "-2" })).StatusCode);
    }

    [Fact]
    public async Task OnlyADraftCanBeDeleted()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("del"), publish: false);
        var live = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("keep"));

        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/campaigns/{draft.Slug}");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"00000000000000000000\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Host.Admin.SendAsync(stale)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.DeleteAsync($"/api/campaigns/{draft.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/campaigns/{draft.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Host.Admin.DeleteAsync($"/api/campaigns/{live.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.GetAsync($"/api/campaigns/{live.Slug}")).StatusCode);
    }

    [Fact]
    public async Task AnArchivedCampaignLeavesTheListAndItsPagesAnswer410ButItsDataStays()
    {
        await using var own = await EngineHost.StartAsync();
        var poll = await own.CreateCampaignAsync(new PollBuilder().UniqueSlug("arch"));
        using var fan = own.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" })).StatusCode);
        await own.WaitForTotalAsync(poll.Slug, 1);

        Assert.Equal(HttpStatusCode.Conflict, (await own.Admin.PostAsync($"/api/campaigns/{poll.Slug}/archive", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.Admin.PostAsync($"/api/campaigns/{poll.Slug}/close", null)).StatusCode);
        var archived = await own.Admin.PostAsync($"/api/campaigns/{poll.Slug}/archive", null);
        Assert.Equal("archived", (await archived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        Assert.Equal(HttpStatusCode.Gone, page.Response.StatusCode);
        Assert.Equal("This campaign has ended", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Gone, (await fan.GetAsync($"/c/{poll.Slug}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" })).StatusCode);

        var list = await own.Admin.GetFromJsonAsync<JsonElement>("/api/campaigns");
        Assert.DoesNotContain(poll.Slug, list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        var archivedList = await own.Admin.GetFromJsonAsync<JsonElement>("/api/campaigns?status=archived");
        Assert.Contains(poll.Slug, archivedList.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        Assert.Equal(1, (await own.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await own.Admin.GetAsync($"/api/campaigns/{poll.Slug}/contacts")).StatusCode);
    }

    [Fact]
    public async Task TheListFiltersByStatusAndKindAndSearchesTitlesAcrossPages()
    {
        await using var own = await EngineHost.StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await own.CreateCampaignAsync(new PollBuilder().WithSlug($"list-{i}").WithTitle(i % 2 == 0 ? $"Summer flavour {i}" : $"Winter menu {i}"), publish: i < 3);
        }

        async Task<List<string>> AllPagesAsync(string query)
        {
            var slugs = new List<string>();
            string? token = null;
            do
            {
                var page = await own.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns?pageSize=2&{query}" +
                    (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}"));
                slugs.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("slug").GetString()!));
                token = page.GetProperty("continuationToken").GetString();
            } while (token is not null);
            return slugs;
        }

        Assert.Equal(["list-0", "list-2", "list-4", "list-6"], await AllPagesAsync("q=SUMMER"));
        Assert.Equal(["list-0", "list-1", "list-2"], await AllPagesAsync("status=live"));
        Assert.Equal(["list-4", "list-6"], await AllPagesAsync("status=draft&q=summer"));
        Assert.Equal(7, (await AllPagesAsync("kind=poll")).Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await own.Admin.GetAsync("/api/campaigns?kind=raffle")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await own.Admin.GetAsync("/api/campaigns?status=gone")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await own.Admin.GetAsync("/api/campaigns?continuationToken=garbage")).StatusCode);
    }

    [Fact]
    public async Task AnEndInThePastIsRefusedAtCreateAndPublishAndAStartInThePastIsPointedOut()
    {
        var past = DateTimeOffset.UtcNow.AddHours(-1);
        var errors = await CampaignApiTests.ValidationErrorsAsync(
            await Host.Admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().With("endsAt", past).Build()));
        Assert.Contains("endsAt", errors.Keys);

        var started = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("started").With("startsAt", past), publish: false);
        var published = await Host.Admin.PostAsync($"/api/campaigns/{started.Slug}/publish", null);
        var body = await published.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("live", body.GetProperty("status").GetString());
        Assert.Contains("in the past", body.GetProperty("warnings")[0].GetString());

        var ending = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("ending").With("endsAt", DateTimeOffset.UtcNow.AddSeconds(2)), publish: false);
        await Eventually.ReturnsAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > ending.EndsAt, TimeSpan.FromSeconds(10), "the end to pass");
        var late = await Host.Admin.PostAsync($"/api/campaigns/{ending.Slug}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("endsAt", await late.Content.ReadAsStringAsync());
    }
}
