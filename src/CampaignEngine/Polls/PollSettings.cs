using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
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

/// <summary>The <c>poll</c> section of a create request or merge patch (the attributes document <see cref="PollSettingsValidator"/>'s rules).</summary>
[Description("The settings of a poll: its options, how many a fan picks, how often a fan may vote, and when results show.")]
[OpenApiExample("""
    {
      "options": [
        { "id": "choc", "label": "Chocolate" },
        { "id": "van", "label": "Vanilla" },
        { "id": "straw", "label": "Strawberry" }
      ],
      "rules": { "votesPerVoter": 1, "period": "day" },
      "minChoices": 1,
      "maxChoices": 1,
      "hideResultsUntilClosed": false
    }
    """)]
public sealed record PollSettingsRequest
{
    [Required, Length(PollSettingsValidator.MinOptions, PollSettingsValidator.MaxOptions)]
    [Description("The options, in the order fans see them; labels are unique. Once fans have voted, options can be added and relabelled but not removed.")]
    public List<OptionRequest?>? Options { get; init; }

    [Description("How often one voter may vote; once per campaign when absent.")]
    public RulesRequest? Rules { get; init; }

    [Range(1, PollSettingsValidator.MaxOptions), DefaultValue(1)]
    [Description("Fewest options one vote must pick.")]
    public int? MinChoices { get; init; }

    [Range(1, PollSettingsValidator.MaxOptions)]
    [Description("Most options one vote may pick (1: single choice); at most the number of options. minChoices when absent.")]
    public int? MaxChoices { get; init; }

    [DefaultValue(false), Description("Fans see the results only once the poll has closed (the marketer API always shows them).")]
    public bool? HideResultsUntilClosed { get; init; }
}

[Description("One option of a poll.")]
public sealed record OptionRequest
{
    [RegularExpression(PollSettingsValidator.OptionIdPatternText)]
    [Description("Stable id fans vote with: 1 to 32 characters a-z, 0-9 and inner hyphens; o1, o2… when absent.")]
    public string? Id { get; init; }

    [Required, Length(1, PollSettingsValidator.MaxLabel), Description("What fans see.")]
    public string? Label { get; init; }
}

[Description("How often one voter may vote.")]
public sealed record RulesRequest
{
    [Range(1, PollSettingsValidator.MaxVotesPerVoter), DefaultValue(1)]
    [Description("Votes one voter may cast per period.")]
    public int? VotesPerVoter { get; init; }

    [AllowedValues("campaign", "day"), DefaultValue("campaign")]
    [Description("campaign: the allowance covers the whole poll. day: it starts again at midnight in the campaign's time zone.")]
    public string? Period { get; init; }
}
