using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignEngine.Messaging;

/// <summary>
/// The body of every engine queue message: many accepted items gathered by group commit.
/// One message carries up to a few hundred votes, which is what lets the engine go past the
/// storage's per-message limits.
/// </summary>
public sealed record Batch<T>([property: JsonPropertyName("items")] IReadOnlyList<T> Items)
{
    public static Batch<T> Parse(string text) =>
        JsonSerializer.Deserialize<Batch<T>>(text, MessageJson.Options) is { Items: not null } batch
            ? batch
            : throw new JsonException("The message holds no items.");
}

public static class MessageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Opening and closing bytes of a batch; items are spliced in between, already serialized.</summary>
    public static ReadOnlySpan<byte> Prefix => """{"items":["""u8;
    public static ReadOnlySpan<byte> Suffix => "]}"u8;
}
