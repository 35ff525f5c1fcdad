using System.Net;
using System.Net.Http.Json;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Hosting;

public sealed class ProtectionTests
{
    [Fact]
    public async Task FansOverTheirPerIpLimitGet429WithRetryAfter()
    {
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:ExemptLoopback"] = "false",
            ["RateLimits:FanWritesPerMinute"] = "6",
        });
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("limited"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var fan = host.CreateClient();
            var response = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.Contains("Retry-After"));
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        await host.WaitForTotalAsync(poll.Slug, 6);
    }

    [Fact]
    public async Task HealthReports503WhenStorageIsGone()
    {
        var azurite = await AzuriteServer.StartAsync();
        await using var host = await EngineHost.StartAsync(azurite: azurite);
        Assert.Equal(HttpStatusCode.OK, (await host.Admin.GetAsync("/healthz")).StatusCode);

        await azurite.DisposeAsync();

        var response = await host.Admin.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task AVoteThatCannotBeEnqueuedGetsAnErrorNotAReceipt()
    {
        var azurite = await AzuriteServer.StartAsync();
        await using var host = await EngineHost.StartAsync(azurite: azurite);
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("down"));
        using var warm = host.CreateClient();
        await warm.GetAsync($"/c/{poll.Slug}"); // campaign now cached: only the enqueue can fail

        await azurite.DisposeAsync();
        using var fan = host.CreateClient();
        var response = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("receipt", await response.Content.ReadAsStringAsync());
    }
}
