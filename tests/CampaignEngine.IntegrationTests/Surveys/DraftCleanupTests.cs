using Azure.Data.Tables;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Surveys;

/// <summary>The hourly cleanup of drafts fans left and did not come back to.</summary>
public sealed class DraftCleanupTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task DraftsOlderThanTheirKeepingTimeAreDeletedAndRecentOnesStay()
    {
        var slug = "cleanup-" + Guid.NewGuid().ToString("N")[..8];
        var table = Host.Tables.GetTableClient(Host.Names.DraftsTable);
        var now = DateTimeOffset.UtcNow;
        foreach (var (participant, age) in new[] { ("old-1", 40), ("old-2", 31), ("recent", 2) })
        {
            await table.UpsertEntityAsync(new TableEntity(slug, participant) { ["Data"] = "{}", ["At"] = now.AddDays(-age) });
        }

        var deleted = await Host.Services.GetServices<CampaignEngine.Hosting.ITimerFunction>().OfType<DraftCleanupFunction>().Single().CleanAsync(CancellationToken.None);

        Assert.True(deleted >= 2, $"{deleted} deleted");
        var left = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == slug)) left.Add(row.RowKey);
        Assert.Equal(["recent"], left);
    }
}
