using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignEngine.Contests;

/// <summary>
/// What an entry's submission carries on the queue: its title, caption, the status it starts in (chosen when it
/// was accepted, from the contest's moderation mode) and whether a photo waits in the uploads container. Short names: a
/// few hundred travel in one queue message.
/// </summary>
public sealed record EntryData(
    [property: JsonPropertyName("t")] string Title,
    [property: JsonPropertyName("c"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Caption,
    [property: JsonPropertyName("s")] string Status,
    [property: JsonPropertyName("p"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Photo = false)
{
    public string Write() => JsonSerializer.Serialize(this, EngineJson.Options);

    public static EntryData Read(string data) =>
        JsonSerializer.Deserialize<EntryData>(data, EngineJson.Options) ?? throw new JsonException("An entry's data is empty.");
}
