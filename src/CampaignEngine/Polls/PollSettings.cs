using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;

namespace CampaignEngine.Polls;

/// <summary>A poll's settings: its options, how many a fan picks, how often a fan may vote, and when results show.</summary>
public sealed record PollSettings : KindSettings
{
    public IReadOnlyList<PollOption> Options { get; init; } = [];
    public VotingRules Rules { get; init; } = new();

    /// <summary>How many options one vote picks, at least and at most (1 and 1: a single-choice poll).</summary>
    public int MinChoices { get; init; } = 1;
    public int MaxChoices { get; init; } = 1;

    /// <summary>Fans see the results only once the poll has closed (the marketer's API always shows them).</summary>
    public bool HideResultsUntilClosed { get; init; }

    public bool IsMultipleChoice => MaxChoices > 1;

    public PollOption? FindOption(string? id) => Options.FirstOrDefault(o => o.Id == id);
}

public sealed record PollOption(string Id, string Label);

public sealed record VotingRules(int VotesPerVoter = 1, VotingPeriod Period = VotingPeriod.Campaign);

/// <summary>The <c>poll</c> section of a create request or merge patch.</summary>
public sealed record PollSettingsRequest
{
    /// <summary>2 to 50 options, each with a label and an optional id (a-z, 0-9, inner hyphens; o1, o2… when absent).</summary>
    public List<OptionRequest?>? Options { get; init; }
    public RulesRequest? Rules { get; init; }

    /// <summary>Fewest options one vote must pick (default 1).</summary>
    public int? MinChoices { get; init; }

    /// <summary>Most options one vote may pick (default 1: single choice).</summary>
    public int? MaxChoices { get; init; }

    public bool? HideResultsUntilClosed { get; init; }
}

public sealed record OptionRequest
{
    public string? Id { get; init; }
    public string? Label { get; init; }
}

public sealed record RulesRequest
{
    /// <summary>Votes one voter may cast per period (1 to 100).</summary>
    public int? VotesPerVoter { get; init; }

    /// <summary><c>campaign</c> (the whole poll) or <c>day</c>.</summary>
    public string? Period { get; init; }
}
