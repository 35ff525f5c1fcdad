using System.Net;
using CampaignEngine.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Results;
using CampaignEngine.Submissions;
using CampaignEngine.Polls;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Results;

/// <summary>An engine whose results cache outlives the test, so any storage read would show.</summary>
public sealed class LongResultsCacheFixture : EngineFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CampaignEngine:ResultsCacheDuration"] = "01:00:00",
    };
}

/// <summary>A results page that goes viral is served from memory, not from storage.</summary>
public sealed class ResultsCachingTests(LongResultsCacheFixture fixture) : IClassFixture<LongResultsCacheFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task AThousandViewsAreServedFromTheCachedRead()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("viral"));
        var campaign = (await Host.Services.GetRequiredService<CampaignCache>().FindAsync(poll.Slug))!;
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await fan.GetAsync($"/c/{poll.Slug}/results")).StatusCode);

        // A vote counted behind the cache's back: a page that read storage would show it.
        var key = new string('a', 32);
        var vote = new SubmissionAccepted("cached", poll.Slug, "v", "choc", key, "c", 1, SubmissionKeys.ShardOf(key, campaign.Shards), DateTimeOffset.UtcNow);
        Assert.Equal(1, await Host.Services.GetRequiredService<ProjectionWriter>().WriteAsync(vote.PartitionKey, [vote]));

        var pages = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ =>
        {
            using var response = await fan.GetAsync($"/c/{poll.Slug}/results");
            return (response.StatusCode, response.Headers.CacheControl?.ToString(), await response.Content.ReadAsStringAsync());
        }));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.All(pages, p => Assert.Equal("public, no-cache", p.Item2));
        Assert.Single(pages.Select(p => p.Item3).Distinct());
        Assert.Equal(0, (await Host.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
        Assert.Equal(1, (await Host.Services.GetRequiredService<ResultsService>().ReadAsync(campaign) as PollResults)!.TotalVotes);
    }
}
