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
    public required string Slug { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required string Locale { get; init; }
    public CampaignStatus Status { get; init; }
    public required ContactSettings Contact { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public string? TimeZone { get; init; }
    public IReadOnlyDictionary<string, string>? Texts { get; init; }
    public required BrandView Brand { get; init; }
    public required ThanksSettings Thanks { get; init; }
    public required IReadOnlyList<string> EmbedOrigins { get; init; }

    /// <summary>The kind's images by slot (a poll's <c>options/{id}</c>), as their public addresses.</summary>
    public required IReadOnlyDictionary<string, string> Images { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public required CampaignLinks Links { get; init; }

    /// <summary>Things worth knowing about the request that did not stop it (a start in the past, say).</summary>
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
            Thanks = c.Thanks, EmbedOrigins = c.EmbedOrigins,
            Images = c.Images.ToDictionary(i => i.Key, i => links.Page + "/media/" + i.Value.Split('/')[^1]),
            CreatedAt = c.CreatedAt, PublishedAt = c.PublishedAt,
            ClosedAt = c.ClosedAt, ArchivedAt = c.ArchivedAt, Links = links, Warnings = warnings, KindFields = fields,
        };
    }
}

/// <summary>The brand as the API shows it: the images as their public addresses.</summary>
public sealed record BrandView(string? AccentColor, string? RulesUrl, string? PrivacyUrl, string? LogoUrl, string? CoverUrl);

public sealed record CampaignListResponse(IReadOnlyList<CampaignResponse> Items, string? ContinuationToken);
