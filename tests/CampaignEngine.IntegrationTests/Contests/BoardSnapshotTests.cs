using System.Text.Json;
using CampaignEngine.Campaigns;
using CampaignEngine.Contests;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Contests.Contests;

namespace CampaignEngine.IntegrationTests.Contests;

/// <summary>An instance starting cold takes the contest's board from its snapshot blob, then reads only what changed.</summary>
public sealed class BoardSnapshotTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private ProjectionFunction Tally => Host.Services.GetServices<IQueueFunction>().OfType<ProjectionFunction>().Single();

    private BoardSnapshots Snapshots => Host.Services.GetRequiredService<BoardSnapshots>();

    [Fact]
    public async Task AColdInstanceStartsFromTheSnapshotAndAddsWhatChangedSinceWithoutCountingAnythingTwice()
    {
        var slug = await CreateAsync(Host, "snapshot", new { moderation = "post" });
        var first = await EnterAsync(slug, 0, 3, total: 3);
        await VoteAsync(slug, first[0], 0, 2);
        var campaign = (await Host.Services.GetRequiredService<CampaignCache>().FindAsync(slug))!;
        var whole = await Host.Services.GetRequiredService<ContestBoards>().ReadWholeAsync(campaign, CancellationToken.None);
        Assert.Equal(2, whole.Votes);

        // The full read wrote the snapshot. An entry only the snapshot holds shows that the cold board came from it.
        // The first read (the vote's) wrote one and the full read a second in the background: wait for the last to land.
        await Host.Services.GetRequiredService<ContestBoards>().SnapshotWrittenAsync(slug);
        var written = await Snapshots.ReadAsync(slug, CancellationToken.None);
        Assert.NotNull(written);
        Assert.Equal(3, written!.Entries.Count);
        var ghost = written.Entries[0] with { Id = "0000000000ghost", Title = "Only in the snapshot", ChangedAt = written.Entries[0].ChangedAt };
        await Snapshots.WriteAsync(written with { Entries = [.. written.Entries, ghost] }, CancellationToken.None);

        // After it: a new entry, and a third vote on the first entry (its counter row is read again, replacing its share).
        var later = await EnterAsync(slug, 10, 1, total: 4);
        await VoteAsync(slug, first[0], 10, 1);
        await WaitForVotesAsync(Host, slug, 3);

        var cold = ActivatorUtilities.CreateInstance<ContestBoards>(Host.Services).GetAsync(campaign, CancellationToken.None);
        var board = await cold;
        Assert.NotNull(board.Find(ghost.Id));
        Assert.NotNull(board.Find(later[0]));
        Assert.Equal(5, board.Count);
        Assert.Equal(3, board.Find(first[0])!.Votes);
        Assert.Equal(3, board.Votes);
    }

    [Fact]
    public async Task AnUnreadableSnapshotIsIgnoredAndTheBoardReadWhole()
    {
        var slug = await CreateAsync(Host, "badsnap", new { moderation = "post" });
        var ids = await EnterAsync(slug, 0, 2, total: 2);
        await VoteAsync(slug, ids[1], 0, 1);
        await WaitForVotesAsync(Host, slug, 1);
        var container = Host.Services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(Host.Names.BoardsContainer);
        await container.GetBlobClient(slug + ".json.gz").UploadAsync(BinaryData.FromString("not gzip at all"), overwrite: true);
        Assert.Null(await Snapshots.ReadAsync(slug, CancellationToken.None));

        var campaign = (await Host.Services.GetRequiredService<CampaignCache>().FindAsync(slug))!;
        var board = await ActivatorUtilities.CreateInstance<ContestBoards>(Host.Services).GetAsync(campaign, CancellationToken.None);

        Assert.Equal(2, board.Count);
        Assert.Equal(1, board.Find(ids[1])!.Votes);
    }

    /// <summary>Approved entries straight through the tally, numbered from <paramref name="from"/>; their ids.</summary>
    private async Task<List<string>> EnterAsync(string slug, int from, int count, int total)
    {
        var entries = Enumerable.Range(from, count).Select(i => ApprovedEntry(slug, i)).ToArray();
        await Tally.RunAsync(Invocation(entries), CancellationToken.None);
        await WaitForEntriesAsync(Host, slug, total, "approved");
        return entries.Select(e => EntryKeys.IdOf(e.Receipt)).ToList();
    }

    private async Task VoteAsync(string slug, string entryId, int from, int count)
    {
        var votes = Enumerable.Range(from, count).Select(i => new SubmissionAccepted($"v-{slug}-{i}", slug, "ev", entryId,
            Convert.ToHexStringLower(BitConverter.GetBytes(i + 1000)).PadRight(32, 'c'), "c-" + i, 1, 3, DateTimeOffset.UtcNow)).ToArray();
        await Tally.RunAsync(Invocation(votes), CancellationToken.None);
    }
}
