using System.Text.Json.Serialization;

namespace CampaignEngine.Contests;

/// <summary>An entry whose photo waits in the uploads container under its submission's receipt.</summary>
public sealed record EntryImageJob(
    [property: JsonPropertyName("c")] string Slug,
    [property: JsonPropertyName("e")] string EntryId,
    [property: JsonPropertyName("r")] string Receipt);
