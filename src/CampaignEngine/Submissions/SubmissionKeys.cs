using System.Globalization;
using CampaignEngine.Campaigns;

namespace CampaignEngine.Submissions;

/// <summary>
/// The keys of the submissions table (physically <c>votes</c>). Every shard partition
/// <c>{slug}|{shard}</c> holds the submission rows of the participants hashed to it plus one
/// counter row, so a submission and its increments commit together.
/// </summary>
public static class SubmissionKeys
{
    public const string CounterRow = "tally";

    /// <summary>A further counter row of the shard, <c>tally|{name}</c>; they sort together, after the main one.</summary>
    public static string CounterRowOf(string name) => CounterRow + "|" + name;

    /// <summary>
    /// A new delta row: one transaction's increments of further counters, written once and never rewritten; a reader adds
    /// it up with the further counter rows it sorts among.
    /// </summary>
    public static string NewDeltaRow() => CounterRowOf("+" + Guid.NewGuid().ToString("N"));

    /// <summary>Every further counter row of a shard (delta rows too) sorts between these two row keys.</summary>
    public static (string From, string To) FurtherCounterRows => (CounterRow + "|", CounterRow + "|~");

    /// <summary>Counts every submission of the shard, whatever the kind adds.</summary>
    public const string TotalCounter = "total";

    public static string Partition(string slug, int shard) => $"{slug}|{shard.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>One row per action, participant, period and slot, so a repeat is a conflict.</summary>
    public static string Row(string action, string participantKey, string period, int slot) =>
        $"{action}|{participantKey}|{period}|{slot.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>All rows of one participant's action in one period sort between these two keys.</summary>
    public static (string From, string To) ParticipantRange(string action, string participantKey, string period) =>
        ($"{action}|{participantKey}|{period}|", $"{action}|{participantKey}|{period}|~");

    /// <summary>Participant keys are hex hashes, so their leading bits are uniform: a fair shard.</summary>
    public static int ShardOf(string participantKey, int shards)
    {
        var value = uint.Parse(participantKey.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (int)(value % (uint)shards);
    }

    public static string PeriodKey(VotingPeriod period, DateTimeOffset acceptedAt) => PeriodKey(period, acceptedAt, TimeZoneInfo.Utc);

    /// <summary>The period a submission falls in: the whole campaign, or the local calendar day of the campaign's zone.</summary>
    public static string PeriodKey(VotingPeriod period, DateTimeOffset acceptedAt, TimeZoneInfo zone) => period switch
    {
        VotingPeriod.Day => CampaignTime.DayKey(acceptedAt, zone),
        _ => "c",
    };
}
