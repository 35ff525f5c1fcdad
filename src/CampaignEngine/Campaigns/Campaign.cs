using System.ComponentModel;
using CampaignEngine.Kinds;

namespace CampaignEngine.Campaigns;

/// <summary>
/// A campaign as stored: what every kind shares, plus the kind's own <see cref="Settings"/>
/// (stored beside the rest, read and written by the kind).
/// </summary>
public sealed record Campaign
{
    public required string Slug { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public string Locale { get; init; } = Locales.Default;
    public CampaignStatus Status { get; init; } = CampaignStatus.Draft;
    public ContactSettings Contact { get; init; } = new();
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>IANA zone the pages show dates in and "per day" allowances follow; UTC when null.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Page texts the marketer replaced, by string key.</summary>
    public IReadOnlyDictionary<string, string>? Texts { get; init; }

    public BrandSettings Brand { get; init; } = new();

    /// <summary>Images of the kind's own slots (a poll's <c>options/{id}</c>), slot → blob path.</summary>
    public IReadOnlyDictionary<string, string> Images { get; init; } = new Dictionary<string, string>();
    public ThanksSettings Thanks { get; init; } = new();

    /// <summary>Origins allowed to frame the fan pages (CSP frame-ancestors); none by default.</summary>
    public IReadOnlyList<string> EmbedOrigins { get; init; } = [];

    /// <summary>Limits per address and per network (campaigns stored before they existed get the defaults).</summary>
    public ProtectionSettings Protection { get; init; } = ProtectionSettings.Default;

    /// <summary>Which submissions wait for review before they count (none by default; signals are recorded anyway).</summary>
    public Review.ReviewSettings Review { get; init; } = CampaignEngine.Review.ReviewSettings.Default;

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>How many partitions the submissions and counters of this campaign are spread over.</summary>
    public int Shards { get; init; } = 16;

    public required KindSettings Settings { get; init; }

    /// <summary>The kind's settings as their own type.</summary>
    public T SettingsAs<T>() where T : KindSettings => (T)Settings;

    /// <summary>What a fan can do with the campaign right now.</summary>
    public Availability AvailabilityAt(DateTimeOffset now) => Status switch
    {
        CampaignStatus.Draft => Availability.Hidden,
        CampaignStatus.Archived => Availability.Archived,
        CampaignStatus.Closed => Availability.Closed,
        _ when EndsAt is { } end && now >= end => Availability.Closed,
        _ when StartsAt is { } start && now < start => Availability.NotStarted,
        _ => Availability.Open,
    };
}

/// <summary>How the fan pages carry the brand.</summary>
public sealed record BrandSettings(string? AccentColor = null, string? RulesUrl = null, string? PrivacyUrl = null, string? LogoPath = null, string? CoverPath = null);

/// <summary>What a fan sees after taking part: a message of the brand's, or the brand's own page.</summary>
public sealed record ThanksSettings(
    [property: Description("Shown on the thank-you page instead of the standard text; the standard text when null.")] string? Message = null,
    [property: Description("Address fans are sent to after taking part, instead of the thank-you page.")] string? RedirectUrl = null);

/// <summary>
/// What the pages ask of fans. <see cref="RetentionDays"/>: how long after the end details given only to take part
/// (required mode, no marketing consent) are kept; the form says so.
/// </summary>
public sealed record ContactSettings(
    [property: Description("off: nothing is asked. optional: fans may leave an email for offers, kept only with consent. required: an email is needed to take part; marketing consent stays a separate, optional box.")] ContactMode Mode = ContactMode.Off,
    [property: Description("What fans agree to by ticking the marketing consent box; null when mode is off.")] string? ConsentText = null,
    [property: Description("Days after the end that details given only to take part are kept.")] int RetentionDays = ContactSettings.DefaultRetentionDays)
{
    public const int DefaultRetentionDays = 90;
}

public enum CampaignStatus { Draft, Live, Closed, Archived }

public enum VotingPeriod { Campaign, Day }

public enum ContactMode { Off, Optional, Required }

/// <summary>What fans see: nothing (a draft), a page before the start, an open campaign, a closed one, or "gone" (archived).</summary>
public enum Availability { Hidden, NotStarted, Open, Closed, Archived }
