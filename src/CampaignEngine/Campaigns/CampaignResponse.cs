using CampaignEngine.Api;

namespace CampaignEngine.Campaigns;

/// <summary>A campaign as the marketer API shows it, with its shareable links.</summary>
public sealed record CampaignResponse(
    string Slug,
    CampaignKind Kind,
    string Title,
    string? Description,
    string Locale,
    CampaignStatus Status,
    IReadOnlyList<PollOption> Options,
    VotingRules Rules,
    ContactSettings Contact,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ClosedAt,
    CampaignLinks Links)
{
    public static CampaignResponse From(Campaign c, CampaignLinks links) => new(
        c.Slug, c.Kind, c.Title, c.Description, c.Locale, c.Status, c.Options, c.Rules, c.Contact,
        c.StartsAt, c.EndsAt, c.CreatedAt, c.PublishedAt, c.ClosedAt, links);
}

public sealed record CampaignListResponse(IReadOnlyList<CampaignResponse> Items, string? ContinuationToken);
