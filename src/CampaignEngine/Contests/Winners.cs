using System.ComponentModel;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Contests.Jury;
using CampaignEngine.Storage;

namespace CampaignEngine.Contests;

/// <summary>A contest's winners as computed once voting closed: by whose rule, when, and each with the standing that won.</summary>
public sealed record WinnerList(
    [property: Description("The rule they were chosen by: votes, jury or blend.")] string Basis,
    [property: Description("When they were computed.")] DateTimeOffset ComputedAt,
    [property: Description("Votes counted on every entry when they were computed.")] long Votes,
    IReadOnlyList<Winner> Winners,
    [property: Description("For a blend: the public vote's share of the score (the jury has the rest); null otherwise.")] double? PublicWeight = null,
    [property: Description("Jurors of the contest when they were computed (0 for the votes rule).")] int Jurors = 0,
    [property: Description("Approved entries at least one juror scored (0 for the votes rule).")] int ScoredEntries = 0);

public sealed record Winner(
    [property: Description("1 for the first place; entries with the same score share a rank, and the one entered first is listed first.")] int Rank,
    string EntryId, string Title, string? Caption, long Votes,
    [property: Description("What the rule placed it by, 0 to 10 for jury and blend (rounded to 2 decimals); its votes for the votes rule.")] double Score = 0,
    [property: Description("The jury's mean score, 0 to 10 (2 decimals); null when no juror scored it or the rule has no jury.")] double? JuryScore = null,
    [property: Description("Jurors who scored it.")] int JuryCount = 0,
    [property: Description("For a blend: 10 × its votes over the most votes any entry has (2 decimals).")] double? PublicScore = null);

/// <summary>Why winners cannot be computed yet; null when they can.</summary>
public sealed record WinnersRefusal(int Status, string Detail, TimeSpan? RetryAfter = null);

/// <summary>
/// Computes and keeps a contest's winners. They are computed from the board read whole, once voting has closed and
/// nothing is waiting to be counted (the submissions queue and its outbox are empty), so the counts they stand on are
/// final. Kept in the entries table (partition <c>{slug}|w</c>, a row of its own), so every instance shows the same list.
/// </summary>
public sealed class ContestWinners(
    ContestBoards boards, ContestJury jury, StorageClients clients, StorageNames names, TimeProvider time)
{
    private const string RowKey = "winners";

    private TableClient Table => clients.Tables.GetTableClient(names.EntriesTable);

    public static string Partition(string slug) => slug + "|w";

    public async Task<(WinnerList? Winners, WinnersRefusal? Refusal)> ComputeAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        var now = time.GetUtcNow();
        var closed = campaign.AvailabilityAt(now) is Availability.Closed or Availability.Archived
            || contest.VotingWindow.ClosesAt is { } closes && closes <= now;
        if (!closed) return (null, new WinnersRefusal(409, "Voting is still open: close the campaign, or wait for the voting window to end."));
        if (await PendingAsync(cancellationToken))
        {
            return (null, new WinnersRefusal(409, "Votes are still being counted; try again in a few seconds.", TimeSpan.FromSeconds(5)));
        }

        var board = await boards.ReadWholeAsync(campaign, cancellationToken);
        var rule = contest.Winners;
        var winners = new WinnerList(NameOf(rule.Basis), now, board.Votes, [], rule.Basis == WinnerBasis.Blend ? rule.PublicWeight : null);
        var (standings, jurors) = await jury.StandingsAsync(campaign, cancellationToken);
        if (rule.Basis != WinnerBasis.Votes)
        {
            var scored = board.ByVotes.Count(b => standings.ContainsKey(b.Entry.Id));
            if (scored == 0)
            {
                return (null, new WinnersRefusal(409, $"This contest chooses its winners by '{NameOf(rule.Basis)}', and no juror has scored an entry in the gallery yet: add jurors (POST /api/campaigns/{campaign.Slug}/jurors) and let them score."));
            }
            winners = winners with { Jurors = jurors, ScoredEntries = scored };
        }
        var placed = WinnerRanking.Rank(board.ByVotes.Select(b => new Candidate(b.Entry, b.Votes, standings.TryGetValue(b.Entry.Id, out var s) ? s : null)), rule);
        winners = winners with
        {
            Winners = placed.Take(rule.Count).Select(p => new Winner(p.Rank, p.Candidate.Entry.Id, p.Candidate.Entry.Title, p.Candidate.Entry.Caption,
                p.Candidate.Votes, Round(p.Score), p.Candidate.Jury is { } j ? Round(j.Score) : null, p.Candidate.Jury?.Jurors ?? 0,
                p.PublicScore is { } ps ? Round(ps) : null)).ToList(),
        };
        var row = new TableEntity(Partition(campaign.Slug), RowKey) { ["List"] = JsonSerializer.Serialize(winners, EngineJson.Options) };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return (winners, null);
    }

    public async Task<WinnerList?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(slug), RowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString("List") is { } list ? JsonSerializer.Deserialize<WinnerList>(list, EngineJson.Options) : null;
    }

    private static double Round(double score) => Math.Round(score, 2, MidpointRounding.AwayFromZero);

    private static string NameOf(WinnerBasis basis) => basis.ToString().ToLowerInvariant();

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
