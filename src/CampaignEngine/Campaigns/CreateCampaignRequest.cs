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

    /// <summary>IANA time zone, e.g. Europe/Warsaw: dates show in it and "per day" allowances reset at its midnight.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Page texts to replace, by string key (see the fan-page string keys); at most 100.</summary>
    public Dictionary<string, string>? Texts { get; init; }

    public BrandRequest? Brand { get; init; }
    public ThanksRequest? Thanks { get; init; }

    /// <summary>Origins (https://shop.example) allowed to show the fan pages in a frame; none by default.</summary>
    public List<string>? EmbedOrigins { get; init; }

    /// <summary>Everything else: the kind's section (or its top-level fields); the validator refuses the rest.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Sections { get; init; }
}

public sealed record BrandRequest
{
    /// <summary>#rrggbb (or #rgb): buttons, links and bars. Must reach WCAG AA contrast (4.5:1) against white.</summary>
    public string? AccentColor { get; init; }

    /// <summary>http(s) address of the campaign's official rules.</summary>
    public string? RulesUrl { get; init; }

    /// <summary>http(s) address of the brand's privacy notice.</summary>
    public string? PrivacyUrl { get; init; }
}

public sealed record ThanksRequest
{
    /// <summary>Shown on the thank-you page instead of the standard text (at most 500 characters).</summary>
    public string? Message { get; init; }

    /// <summary>http(s) address fans are sent to after taking part, instead of the thank-you page.</summary>
    public string? RedirectUrl { get; init; }
}

public sealed record ContactRequest
{
    public string? Mode { get; init; }
    public string? ConsentText { get; init; }

    /// <summary>Days after the end that details given only to take part are kept (1–730, default 90).</summary>
    public int? RetentionDays { get; init; }
}
