using System.ComponentModel;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Storage;

namespace CampaignEngine.Contests;

/// <summary>A contest's winners as computed once voting closed: by whose rule, when, and each with the standing that won.</summary>
public sealed record WinnerList(
    [property: Description("The rule they were chosen by: votes (the only one until jurors can score).")] string Basis,
    [property: Description("When they were computed.")] DateTimeOffset ComputedAt,
    [property: Description("Votes counted on every entry when they were computed.")] long Votes,
    IReadOnlyList<Winner> Winners);

public sealed record Winner(
    [property: Description("1 for the first place; entries with as many votes share a rank, and the one entered first is listed first.")] int Rank,
    string EntryId, string Title, string? Caption, long Votes);

/// <summary>Why winners cannot be computed yet; null when they can.</summary>
public sealed record WinnersRefusal(int Status, string Detail, TimeSpan? RetryAfter = null);

/// <summary>
/// Computes and keeps a contest's winners. They are computed from the board read whole, once voting has closed and
/// nothing is waiting to be counted (the submissions queue and its outbox are empty), so the counts they stand on are
/// final. Kept in the entries table (partition <c>{slug}|w</c>, a row of its own), so every instance shows the same list.
/// </summary>
public sealed class ContestWinners(ContestBoards boards, StorageClients clients, StorageNames names, TimeProvider time)
{
    private const string RowKey = "winners";

    private TableClient Table => clients.Tables.GetTableClient(names.EntriesTable);

    public static string Partition(string slug) => slug + "|w";

    public async Task<(WinnerList? Winners, WinnersRefusal? Refusal)> ComputeAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        var now = time.GetUtcNow();
        if (contest.Winners.Basis != WinnerBasis.Votes)
        {
            return (null, new WinnersRefusal(409, $"This contest chooses its winners by '{contest.Winners.Basis.ToString().ToLowerInvariant()}', which needs jurors' scores; jurors cannot score yet."));
        }
        var closed = campaign.AvailabilityAt(now) is Availability.Closed or Availability.Archived
            || contest.VotingWindow.ClosesAt is { } closes && closes <= now;
        if (!closed) return (null, new WinnersRefusal(409, "Voting is still open: close the campaign, or wait for the voting window to end."));
        if (await PendingAsync(cancellationToken))
        {
            return (null, new WinnersRefusal(409, "Votes are still being counted; try again in a few seconds.", TimeSpan.FromSeconds(5)));
        }

        var board = await boards.ReadWholeAsync(campaign, cancellationToken);
        var winners = new WinnerList("votes", now, board.Votes,
            board.ByVotes.Take(contest.Winners.Count).Select(b => new Winner(b.Rank, b.Entry.Id, b.Entry.Title, b.Entry.Caption, b.Votes)).ToList());
        var row = new TableEntity(Partition(campaign.Slug), RowKey) { ["List"] = JsonSerializer.Serialize(winners, EngineJson.Options) };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return (winners, null);
    }

    public async Task<WinnerList?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(slug), RowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString("List") is { } list ? JsonSerializer.Deserialize<WinnerList>(list, EngineJson.Options) : null;
    }

    /// <summary>Whether any submission (of any campaign: the queue is shared) is queued or in the outbox, not yet counted.</summary>
    private async Task<bool> PendingAsync(CancellationToken cancellationToken)
    {
        var queue = await clients.Queues.GetQueueClient(names.VotesQueue).GetPropertiesAsync(cancellationToken);
        if (queue.Value.ApproximateMessagesCount > 0) return true;
        var outbox = clients.Tables.GetTableClient(names.OutboxTable);
        await foreach (var _ in outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {QueueNames.Votes}"), maxPerPage: 1,
            select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }
        return false;
    }
}
