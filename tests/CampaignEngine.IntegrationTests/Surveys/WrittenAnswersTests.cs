using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Surveys.Surveys;

namespace CampaignEngine.IntegrationTests.Surveys;

/// <summary>A question's written answers, paged across the shards and searched.</summary>
public sealed class WrittenAnswersTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private ProjectionFunction Tally => Host.Services.GetServices<IQueueFunction>().OfType<ProjectionFunction>().Single();

    private static readonly string[] Texts =
        ["Almond soup, cold", "More salads", "almond milk please", "Open on Mondays", "Gazpacho with ALMONDS", "Less salt", "Music"];

    private async Task<string> AnsweredAsync()
    {
        var slug = await CreateAsync(Host, "written");
        var responses = Texts.Select((text, i) => new SubmissionAccepted($"w-{slug}-{i}", slug, "r",
            JsonSerializer.Serialize(new { c = new { dish = "other" }, o = new { dish = "Soup " + i }, t = new { why = text } }),
            Convert.ToHexStringLower(BitConverter.GetBytes(i * 7919)).PadRight(32, 'a'), "c", 1, i * 5 % 16, DateTimeOffset.UtcNow)).ToArray();
        await Tally.RunAsync(new QueueInvocation(JsonSerializer.Serialize(new Batch<SubmissionAccepted>(responses), MessageJson.Options), "m", 1, DateTimeOffset.UtcNow),
            CancellationToken.None);
        await WaitForResponsesAsync(Host, slug, Texts.Length);
        return slug;
    }

    private async Task<JsonElement> PageAsync(string slug, string question, string query)
    {
        using var response = await Host.Admin.GetAsync($"/api/campaigns/{slug}/questions/{question}/answers?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task PagesCoverEveryAnswerOnceAndASearchKeepsTheMatchingOnes()
    {
        var slug = await AnsweredAsync();

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(slug, "why", "limit=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        } while (token is not null && pages < 10);
        Assert.Equal(Texts.Order(), seen.Order());

        var found = await PageAsync(slug, "why", "search=ALMOND");
        Assert.Equal(["Almond soup, cold", "Gazpacho with ALMONDS", "almond milk please"],
            found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, found.GetProperty("continuationToken").ValueKind);

        var others = await PageAsync(slug, "dish", "limit=500");
        Assert.Equal(Texts.Length, others.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AQuestionWithoutWrittenAnswersOrAForgedTokenIsRefused()
    {
        var slug = await CreateAsync(Host, "written-bad");

        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/campaigns/{slug}/questions/nps/answers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/campaigns/{slug}/questions/nobody/answers")).StatusCode);
        using var forged = await Host.Admin.GetAsync($"/api/campaigns/{slug}/questions/why/answers?continuationToken=bm90IG1pbmU%3D");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/campaigns/{slug}/questions/why/answers")).StatusCode);
    }
}
