using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignEngine.Api;

namespace CampaignEngine.Campaigns;

/// <summary>
/// The body of <c>POST /api/campaigns</c> (and the document a merge patch edits): the fields every
/// kind shares, and the kind's settings in a section named after the kind (<c>"poll": {…}</c>).
/// Enumerations are plain strings here so a bad value is reported against its field rather than
/// as a JSON parse error. The attributes describe the rules for the OpenAPI document;
/// <see cref="CampaignValidator"/> is what enforces them.
/// </summary>
// Extension data collects the sections; strict reading of the core fields is done by the validator.
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
[Description("A new campaign: the fields every kind shares, and the kind's settings in a section named after the kind.")]
[OpenApiExample("""
    {
      "title": "Which flavour should we make next?",
      "description": "Pick the one you want to see in stores this summer.",
      "locale": "en",
      "timeZone": "Europe/Warsaw",
      "contact": { "mode": "optional", "consentText": "Send me news and offers from Example Ice Cream. I can unsubscribe at any time." },
      "brand": { "accentColor": "#1f4fd1", "rulesUrl": "https://brand.example/rules", "privacyUrl": "https://brand.example/privacy" },
      "thanks": { "message": "Thanks! We will announce the winner in June." },
      "texts": { "share_heading": "Tell your friends" },
      "embedOrigins": ["https://shop.example"],
      "protection": { "perAddress": { "limit": 2000, "windowMinutes": 60 }, "perNetwork": { "limit": 10000, "windowMinutes": 60 } }
    }
    """)]
public sealed record CreateCampaignRequest
{
    private readonly ProtectionRequest? protection;

    [Description("The campaign's address, /c/{slug}: lower-case letters a-z, digits and single inner hyphens. Generated from the title when absent.")]
    [Length(Campaigns.Slug.MinLength, Campaigns.Slug.MaxLength), RegularExpression(Campaigns.Slug.PatternText)]
    public string? Slug { get; init; }

    [Required, Description("What kind of campaign this is; its settings go in the section of the same name.")]
    public string? Kind { get; init; }

    [Required, Length(1, CampaignValidator.MaxTitle), Description("The question or headline fans see.")]
    public string? Title { get; init; }

    [MaxLength(CampaignValidator.MaxDescription), Description("A paragraph under the title.")]
    public string? Description { get; init; }

    [Description("Language of the fan pages; en when absent.")]
    public string? Locale { get; init; }

    [Description("Whether fans are asked for their email address and name, and with which consent text; off when absent.")]
    public ContactRequest? Contact { get; init; }

    [Description("When fans can start taking part; as soon as it is published when absent.")]
    public DateTimeOffset? StartsAt { get; init; }

    [Description("When the campaign stops taking part by itself: in the future and after startsAt. Open until closed when absent.")]
    public DateTimeOffset? EndsAt { get; init; }

    [Description("IANA time zone, e.g. Europe/Warsaw: dates show in it and \"per day\" allowances reset at its midnight. UTC when absent.")]
    public string? TimeZone { get; init; }

    [Description("Page texts to replace, by string key of the fan pages: the core's (thanks_title, share_heading…) and the kind's own (a poll's vote_button…); plural texts per CLDR category, e.g. votes_one.")]
    public Dictionary<string, string>? Texts { get; init; }

    [Description("How the fan pages carry the brand: accent colour and links to the rules and the privacy notice.")]
    public BrandRequest? Brand { get; init; }

    [Description("What fans see after taking part: a message of the brand's, or the brand's own page.")]
    public ThanksRequest? Thanks { get; init; }

    [MaxLength(CampaignValidator.MaxEmbedOrigins)]
    [Description("Origins (https://shop.example) allowed to show the fan pages in a frame; none by default.")]
    public List<string>? EmbedOrigins { get; init; }

    [Description("Limits per IP address and per network against floods (defaults: 2,000 per address and 10,000 per /24 or /64 network in 60 minutes); null turns both off. proofOfWork adds a challenge the page's script solves.")]
    public ProtectionRequest? Protection { get => protection; init { protection = value; ProtectionGiven = true; } }

    [Description("Suspicious-activity review: which signals make a submission suspect and whether suspect ones wait for review (default: counted at once, signals recorded).")]
    public Review.ReviewRequest? Review { get; init; }

    /// <summary>Whether <see cref="Protection"/> was sent: absent keeps the defaults, an explicit null turns the limits off.</summary>
    [JsonIgnore] public bool ProtectionGiven { get; private init; }

    /// <summary>Everything else: the kind's section (or its top-level fields); the validator refuses the rest.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Sections { get; init; }
}

[Description("How the fan pages carry the brand.")]
public sealed record BrandRequest
{
    [RegularExpression("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    [Description("#rrggbb (or #rgb): buttons, links and bars. Must reach WCAG AA contrast (4.5:1) against white.")]
    public string? AccentColor { get; init; }

    [Url, MaxLength(CampaignValidator.MaxUrl), Description("http(s) address of the campaign's official rules.")]
    public string? RulesUrl { get; init; }

    [Url, MaxLength(CampaignValidator.MaxUrl), Description("http(s) address of the brand's privacy notice.")]
    public string? PrivacyUrl { get; init; }
}

[Description("What fans see after taking part.")]
public sealed record ThanksRequest
{
    [MaxLength(CampaignValidator.MaxThanksMessage), Description("Shown on the thank-you page instead of the standard text.")]
    public string? Message { get; init; }

    [Url, MaxLength(CampaignValidator.MaxUrl), Description("http(s) address fans are sent to after taking part, instead of the thank-you page.")]
    public string? RedirectUrl { get; init; }
}

[Description("Whether fans are asked for contact details.")]
public sealed record ContactRequest
{
    [Required, AllowedValues("off", "optional", "required")]
    [Description("off: nothing is asked. optional: fans may leave their email and name, kept only with consent. required: only fans who give them and consent take part.")]
    public string? Mode { get; init; }

    [MaxLength(CampaignValidator.MaxConsentText)]
    [Description("What fans agree to by ticking the consent box, stored with each consent. Required unless mode is off.")]
    public string? ConsentText { get; init; }

    [Range(CampaignValidator.MinRetentionDays, CampaignValidator.MaxRetentionDays)]
    [Description("Days after the end that details given only to take part (required mode, no marketing consent) are kept; default 90.")]
    public int? RetentionDays { get; init; }
}
