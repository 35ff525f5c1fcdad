using System.Text.Json.Serialization;

namespace CampaignEngine.Submissions;

/// <summary>
/// An accepted submission (a vote, an entry, an answer) on its way to the projection. Short JSON
/// names keep a few hundred in one 64 KiB queue message. The participant key is a keyed hash of
/// the device, never personal data; <see cref="Data"/> is what the kind's action made of the input.
/// <see cref="Signals"/>: what made it suspect (see <c>Review.SuspicionSignals</c>); <see cref="Held"/>:
/// it waits for review instead of being counted.
/// </summary>
public sealed record SubmissionAccepted(
    [property: JsonPropertyName("r")] string Receipt,
    [property: JsonPropertyName("c")] string Slug,
    [property: JsonPropertyName("a")] string Action,
    [property: JsonPropertyName("d")] string Data,
    [property: JsonPropertyName("k")] string ParticipantKey,
    [property: JsonPropertyName("p")] string Period,
    [property: JsonPropertyName("n")] int Slot,
    [property: JsonPropertyName("s")] int Shard,
    [property: JsonPropertyName("t")] DateTimeOffset AcceptedAt,
    [property: JsonPropertyName("q"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestKey = null,
    [property: JsonPropertyName("g"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Signals = null,
    [property: JsonPropertyName("h"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Held = false,
    [property: JsonPropertyName("x"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CapSlot>? Caps = null)
{
    public string RowKey => SubmissionKeys.Row(Action, ParticipantKey, Period, Slot);

    /// <summary>The rows that hold the slots it took of its action's caps; empty when the action has none.</summary>
    public IEnumerable<string> CapRowKeys => Caps?.Select(c => SubmissionKeys.Row(Action, ParticipantKey, c.Period, c.Slot)) ?? [];

    public string PartitionKey => SubmissionKeys.Partition(Slug, Shard);
}

/// <summary>A slot of an allowance cap (<see cref="Kinds.AllowanceCap"/>): its period key and number.</summary>
public sealed record CapSlot([property: JsonPropertyName("p")] string Period, [property: JsonPropertyName("n")] int Slot);
