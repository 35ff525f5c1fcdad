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
            Contact = c.Contact, StartsAt = c.StartsAt, EndsAt = c.EndsAt, CreatedAt = c.CreatedAt, PublishedAt = c.PublishedAt,
            ClosedAt = c.ClosedAt, ArchivedAt = c.ArchivedAt, Links = links, Warnings = warnings, KindFields = fields,
        };
    }
}

public sealed record CampaignListResponse(IReadOnlyList<CampaignResponse> Items, string? ContinuationToken);
