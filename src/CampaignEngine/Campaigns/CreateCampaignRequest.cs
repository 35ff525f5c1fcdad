using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignEngine.Campaigns;

/// <summary>
/// The body of <c>POST /api/campaigns</c> (and the document a merge patch edits): the fields every
/// kind shares, and the kind's settings in a section named after the kind (<c>"poll": {…}</c>).
/// Enumerations are plain strings here so a bad value is reported against its field rather than
/// as a JSON parse error.
/// </summary>
// Extension data collects the sections; strict reading of the core fields is done by the validator.
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record CreateCampaignRequest
{
    public string? Slug { get; init; }
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Locale { get; init; }
    public ContactRequest? Contact { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>Everything else: the kind's section (or its top-level fields); the validator refuses the rest.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Sections { get; init; }
}

public sealed record ContactRequest
{
    public string? Mode { get; init; }
    public string? ConsentText { get; init; }
}
