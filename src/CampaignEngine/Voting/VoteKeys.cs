using System.Globalization;
using CampaignEngine.Campaigns;

namespace CampaignEngine.Voting;

/// <summary>
/// The keys of the votes table. Every shard partition <c>{slug}|{shard}</c> holds the vote rows
/// of the voters hashed to it plus one tally row, so a vote and its increment commit together.
/// </summary>
public static class VoteKeys
{
    public const string TallyRow = "tally";
    public const string TotalProperty = "total";

    public static string Partition(string slug, int shard) => $"{slug}|{shard.ToString("D3", CultureInfo.InvariantCulture)}";

    public static string VoteRow(string voterKey, string period, int slot) =>
        $"v|{voterKey}|{period}|{slot.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>All vote rows of one voter in one period sort between these two keys.</summary>
    public static (string From, string To) VoterRange(string voterKey, string period) =>
        ($"v|{voterKey}|{period}|", $"v|{voterKey}|{period}|~");

    /// <summary>Option ids are a-z, 0-9 and '-'; swapping '-' for '_' keeps them distinct and makes a legal property name.</summary>
    public static string OptionProperty(string optionId) => "o_" + optionId.Replace('-', '_');

    /// <summary>Voter keys are hex hashes, so their leading bits are uniform: a fair shard.</summary>
    public static int ShardOf(string voterKey, int shards)
    {
        var value = uint.Parse(voterKey.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (int)(value % (uint)shards);
    }

    public static string PeriodKey(VotingPeriod period, DateTimeOffset acceptedAt) => period switch
    {
        VotingPeriod.Day => "d" + acceptedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        _ => "c",
    };
}
