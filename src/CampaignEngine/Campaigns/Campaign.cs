namespace CampaignEngine.Campaigns;

/// <summary>A campaign as stored. Kinds beyond polls reuse this model in later features.</summary>
public sealed record Campaign
{
    public required string Slug { get; init; }
    public CampaignKind Kind { get; init; } = CampaignKind.Poll;
    public required string Title { get; init; }
    public string? Description { get; init; }
    public string Locale { get; init; } = Locales.Default;
    public CampaignStatus Status { get; init; } = CampaignStatus.Draft;
    public IReadOnlyList<PollOption> Options { get; init; } = [];
    public VotingRules Rules { get; init; } = new();
    public ContactSettings Contact { get; init; } = new();
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>How many partitions the votes and tallies of this campaign are spread over.</summary>
    public int Shards { get; init; } = 16;

    public PollOption? FindOption(string? id) => Options.FirstOrDefault(o => o.Id == id);

    /// <summary>What a fan can do with the campaign right now.</summary>
    public Availability AvailabilityAt(DateTimeOffset now) => Status switch
    {
        CampaignStatus.Draft => Availability.Hidden,
        CampaignStatus.Closed => Availability.Closed,
        _ when EndsAt is { } end && now >= end => Availability.Closed,
        _ when StartsAt is { } start && now < start => Availability.NotStarted,
        _ => Availability.Open,
    };
}

public sealed record PollOption(string Id, string Label);

public sealed record VotingRules(int VotesPerVoter = 1, VotingPeriod Period = VotingPeriod.Campaign);

public sealed record ContactSettings(ContactMode Mode = ContactMode.Off, string? ConsentText = null);

public enum CampaignKind { Poll }

public enum CampaignStatus { Draft, Live, Closed }

public enum VotingPeriod { Campaign, Day }

public enum ContactMode { Off, Optional, Required }

public enum Availability { Hidden, NotStarted, Open, Closed }
