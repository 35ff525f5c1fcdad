using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Api;

/// <summary>What the reference page's "Test Request" sends: the document's examples, as they are.</summary>
public sealed class OpenApiExampleTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task EveryKindsCreateExampleMakesADraftAndItsSubmissionExamplesAreAccepted()
    {
        var doc = await OpenApiJson.ReadAsync(Host.Admin);
        var kinds = Host.Services.GetRequiredService<CampaignKinds>();
        var examples = doc.Operation("/api/campaigns", "post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("examples");

        Assert.Equal(kinds.Names, examples.EnumerateObject().Select(e => e.Name));
        foreach (var kind in kinds.All)
        {
            var example = JsonNode.Parse(examples.GetProperty(kind.Name).GetProperty("value").GetRawText())!;
            var created = await Host.Admin.PostAsync("/api/campaigns", Json(example));
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{kind.Name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            var campaign = await created.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(kind.Name, (string?)campaign!["kind"]);
            Assert.Equal((string?)example["title"], (string?)campaign["title"]);
            foreach (var (field, value) in example[kind.Name]!.AsObject())
            {
                Assert.True(JsonNode.DeepEquals(value, campaign[kind.Name]![field]), $"{kind.Name}.{field}: sent {value?.ToJsonString()}, got {campaign[kind.Name]![field]?.ToJsonString()}");
            }

            var slug = (string)campaign["slug"]!;
            (await Host.Admin.PostAsync($"/api/campaigns/{slug}/publish", null)).EnsureSuccessStatusCode();
            foreach (var action in kind.Actions.Where(a => a.HasFanRoute))
            {
                var input = doc.Resolve(doc.RequestSchema($"/c/{{slug}}/{action.Route}", "post")).GetProperty("examples")[0];
                using var fan = Host.CreateClient();
                var submitted = await fan.PostAsync($"/c/{slug}/{action.Route}", new StringContent(input.GetRawText(), Encoding.UTF8, "application/json"));
                if (ReferencesAnItem(action))
                {
                    // The example names an entry of its own; a new contest has none, so only that reference is refused.
                    Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
                    var errors = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
                    Assert.Equal(["entryId"], errors.EnumerateObject().Select(e => e.Name));
                    continue;
                }
                Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, $"{kind.Name} {action.Route}: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
                Assert.False(string.IsNullOrEmpty((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()));
            }
        }
    }

    [Fact]
    public async Task ThePatchAndDuplicateExamplesAreAcceptedOnACampaignMadeFromTheCreateExample()
    {
        var doc = await OpenApiJson.ReadAsync(Host.Admin);
        var create = doc.Operation("/api/campaigns", "post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("examples").EnumerateObject().First().Value.GetProperty("value");
        var patch = doc.Operation("/api/campaigns/{slug}", "patch").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/merge-patch+json").GetProperty("example");
        var duplicate = doc.Resolve(doc.RequestSchema("/api/campaigns/{slug}/duplicate", "post")).GetProperty("examples")[0];

        var created = await Host.Admin.PostAsync("/api/campaigns", new StringContent(create.GetRawText(), Encoding.UTF8, "application/json"));
        var slug = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString();
        var patched = await Host.Admin.PatchAsync($"/api/campaigns/{slug}", new StringContent(patch.GetRawText(), Encoding.UTF8, "application/merge-patch+json"));
        var copied = await Host.Admin.PostAsync($"/api/campaigns/{slug}/duplicate", new StringContent(duplicate.GetRawText(), Encoding.UTF8, "application/json"));

        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var edited = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(patch.GetProperty("title").GetString(), edited.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, edited.GetProperty("description").ValueKind);
        Assert.True(copied.StatusCode == HttpStatusCode.Created, await copied.Content.ReadAsStringAsync());
        Assert.Equal(duplicate.GetProperty("slug").GetString(), (await copied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString());
    }

    private static bool ReferencesAnItem(ISubmissionAction action) =>
        action.InputType == typeof(CampaignEngine.Contests.EntryVoteRequest) || action.InputType == typeof(CampaignEngine.Contests.EntryFlagRequest);

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
