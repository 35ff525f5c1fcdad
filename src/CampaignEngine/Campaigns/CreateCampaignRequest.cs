namespace CampaignEngine.Campaigns;

/// <summary>
/// The body of <c>POST /api/campaigns</c>. Enumerations are plain strings here so a bad value
/// is reported against its field rather than as a JSON parse error.
/// </summary>
public sealed record CreateCampaignRequest
{
    public string? Slug { get; init; }
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Locale { get; init; }
    public List<OptionRequest?>? Options { get; init; }
    public RulesRequest? Rules { get; init; }
    public ContactRequest? Contact { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
}

public sealed record OptionRequest
{
    public string? Id { get; init; }
    public string? Label { get; init; }
}

public sealed record RulesRequest
{
    public int? VotesPerVoter { get; init; }
    public string? Period { get; init; }
}

public sealed record ContactRequest
{
    public string? Mode { get; init; }
    public string? ConsentText { get; init; }
}
