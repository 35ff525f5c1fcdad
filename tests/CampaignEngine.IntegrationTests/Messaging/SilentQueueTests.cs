using System.Net;
using System.Net.Http.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Messaging;

/// <summary>
/// The whole engine with a queue service that accepts connections and never answers (Azurite's
/// queue in one of its pauses, for ever): votes are still answered, from the outbox, and counted
/// exactly once through the outbox drainer and the same projection the queue would have fed.
/// </summary>
public sealed class SilentQueueTests : IAsyncLifetime
{
    private readonly SilentServer silent = new();
    private EngineHost host = null!;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        host = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["CampaignStorage"] = azurite.ConnectionString.Replace($":{azurite.QueuePort}/", $":{silent.Port}/"),
            ["Storage:StartupWait"] = "00:00:01",
            ["Outbox:DrainAfter"] = "00:00:00.200",
            ["Outbox:DrainInterval"] = "00:00:00.100",
        }, azurite);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        silent.Dispose();
    }

    [Fact]
    public async Task VotesAreAnsweredAndCountedOnceWhileTheQueueNeverAnswers()
    {
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("silent").WithOptions("Tea", "Coffee"));
        var option = poll.Options()[0].Id;

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var fan = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            using var response = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = option });
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.True(host.Services.GetRequiredService<OutboundQueues>().Votes.OutboxWrites > 0);
        var results = await host.WaitForTotalAsync(poll.Slug, 40, TimeSpan.FromSeconds(30));
        Assert.Equal(40, results.GetProperty("totalVotes").GetInt64());
        Assert.True(silent.Connections > 0, "the queue was never tried");
    }
}
