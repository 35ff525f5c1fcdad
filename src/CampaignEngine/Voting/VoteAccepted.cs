using System.Text.Json.Serialization;

namespace CampaignEngine.Voting;

/// <summary>
/// An accepted vote on its way to the tally. Short JSON names keep a few hundred votes in one
/// 64 KiB queue message. The voter key is a keyed hash of the device, never personal data.
/// </summary>
public sealed record VoteAccepted(
    [property: JsonPropertyName("r")] string Receipt,
    [property: JsonPropertyName("c")] string Slug,
    [property: JsonPropertyName("o")] string OptionId,
    [property: JsonPropertyName("k")] string VoterKey,
    [property: JsonPropertyName("p")] string Period,
    [property: JsonPropertyName("n")] int Slot,
    [property: JsonPropertyName("s")] int Shard,
    [property: JsonPropertyName("t")] DateTimeOffset AcceptedAt,
    [property: JsonPropertyName("q"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestKey = null)
{
    /// <summary>The vote's row key: one row per voter, period and slot, so a repeat is a conflict.</summary>
    public string RowKey => VoteKeys.VoteRow(VoterKey, Period, Slot);

    public string PartitionKey => VoteKeys.Partition(Slug, Shard);
}
