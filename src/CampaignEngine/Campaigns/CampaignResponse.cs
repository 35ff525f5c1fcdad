using System.ComponentModel;
using System.Text.Json.Serialization;
using CampaignEngine.Api;
using CampaignEngine.Kinds;

namespace CampaignEngine.Campaigns;

/// <summary>
/// A campaign as the marketer API shows it: the shared fields, the kind's settings in a section
/// named after the kind (and its top-level fields, for the older contract), and the links.
/// </summary>
public sealed record CampaignResponse
{
    [Description("The campaign's address: its fan page is /c/{slug}.")] public required string Slug { get; init; }
    [Description("What kind of campaign this is; its settings are in the section of the same name.")] public required string Kind { get; init; }
    [Description("The question or headline fans see.")] public required string Title { get; init; }
    [Description("A paragraph under the title.")] public string? Description { get; init; }
    [Description("Language of the fan pages.")] public required string Locale { get; init; }
    [Description("draft: only the API sees it. live: fans take part. closed: results stay up. archived: fan pages answer 410.")] public CampaignStatus Status { get; init; }
    [Description("Whether fans are asked for contact details.")] public required ContactSettings Contact { get; init; }
    [Description("When fans can start taking part; as soon as it is live when null.")] public DateTimeOffset? StartsAt { get; init; }
    [Description("When it stops taking part by itself; open until closed when null.")] public DateTimeOffset? EndsAt { get; init; }
    [Description("IANA time zone the pages show dates in and \"per day\" allowances follow; UTC when null.")] public string? TimeZone { get; init; }
    [Description("Page texts the marketer replaced, by string key.")] public IReadOnlyDictionary<string, string>? Texts { get; init; }
    [Description("How the fan pages carry the brand.")] public required BrandView Brand { get; init; }
    [Description("What fans see after taking part.")] public required ThanksSettings Thanks { get; init; }
    [Description("Origins allowed to show the fan pages in a frame.")] public required IReadOnlyList<string> EmbedOrigins { get; init; }
    [Description("Limits per IP address and per network, and the proof-of-work challenge; what is off is null.")] public required ProtectionSettings Protection { get; init; }
    [Description("Which submissions wait for review before they count, and the thresholds of the burst signals.")] public required Review.ReviewSettings Review { get; init; }
    [Description("The kind's images by slot (a poll's options/{id}), as their public addresses.")] public required IReadOnlyDictionary<string, string> Images { get; init; }
    [Description("When it was created.")] public DateTimeOffset CreatedAt { get; init; }
    [Description("When it went live.")] public DateTimeOffset? PublishedAt { get; init; }
    [Description("When it was closed.")] public DateTimeOffset? ClosedAt { get; init; }
    [Description("When it was archived.")] public DateTimeOffset? ArchivedAt { get; init; }
    [Description("Public addresses of its fan page, results page, QR codes and share cards.")] public required CampaignLinks Links { get; init; }

    [Description("Things worth knowing about the request that did not stop it (a start in the past, say).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>The kind's section (<c>"poll": {…}</c>) and its top-level fields.</summary>
    [JsonExtensionData] public Dictionary<string, object?>? KindFields { get; init; }

    public static CampaignResponse From(Campaign c, CampaignLinks links, CampaignKinds kinds, IReadOnlyList<string>? warnings = null)
    {
        var kind = kinds.Get(c.Kind);
        var section = kind.Describe(c.Settings);
        var fields = new Dictionary<string, object?>();
        foreach (var name in kind.TopLevelFields)
        {
            if (section[name] is { } value) fields[name] = value.DeepClone();
        }
        fields[kind.Name] = section;
        return new CampaignResponse
        {
            Slug = c.Slug, Kind = c.Kind, Title = c.Title, Description = c.Description, Locale = c.Locale, Status = c.Status,
            Contact = c.Contact, StartsAt = c.StartsAt, EndsAt = c.EndsAt, TimeZone = c.TimeZone, Texts = c.Texts,
            Brand = new BrandView(c.Brand.AccentColor, c.Brand.RulesUrl, c.Brand.PrivacyUrl,
                c.Brand.LogoPath is null ? null : links.Page + "/media/" + c.Brand.LogoPath.Split('/')[^1],
                c.Brand.CoverPath is null ? null : links.Page + "/media/" + c.Brand.CoverPath.Split('/')[^1]),
            Thanks = c.Thanks, EmbedOrigins = c.EmbedOrigins, Protection = c.Protection, Review = c.Review,
            Images = c.Images.ToDictionary(i => i.Key, i => links.Page + "/media/" + i.Value.Split('/')[^1]),
            CreatedAt = c.CreatedAt, PublishedAt = c.PublishedAt,
            ClosedAt = c.ClosedAt, ArchivedAt = c.ArchivedAt, Links = links, Warnings = warnings, KindFields = fields,
        };
    }
}

/// <summary>The brand as the API shows it: the images as their public addresses.</summary>
public sealed record BrandView(
    [property: Description("#rrggbb: buttons, links and bars.")] string? AccentColor,
    [property: Description("Address of the campaign's official rules.")] string? RulesUrl,
    [property: Description("Address of the brand's privacy notice.")] string? PrivacyUrl,
    [property: Description("Public address of the logo.")] string? LogoUrl,
    [property: Description("Public address of the cover image.")] string? CoverUrl);

public sealed record CampaignListResponse(
    [property: Description("A page of campaigns, in slug order.")] IReadOnlyList<CampaignResponse> Items,
    [property: Description("Pass it back to get the next page; null on the last page.")] string? ContinuationToken);
