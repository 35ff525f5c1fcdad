using CampaignEngine.Kinds;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;

namespace CampaignEngine.Contests;

/// <summary>The <c>contest</c> section of a create request or merge patch (the attributes document <see cref="ContestSettingsValidator"/>'s rules).</summary>
[Description("The settings of a contest: what fans enter and when, how entries are moderated, how fans vote on them and how the winners are chosen. Every field has a default.")]
[OpenApiExample("""
    {
      "entryType": "text",
      "titleMaxLength": 60,
      "captionMaxLength": 300,
      "entriesPerParticipant": 3,
      "moderation": "pre",
      "flagThreshold": 5,
      "voting": { "votesPerEntry": 1, "period": "day", "perDay": 10, "perCampaign": 100 },
      "winners": { "basis": "blend", "count": 3, "publicWeight": 0.4 },
      "criteria": [
        { "id": "creativity", "label": "Creativity" },
        { "id": "composition", "label": "Composition" },
        { "id": "c1", "label": "Fits the summer theme" }
      ]
    }
    """)]
public sealed record ContestSettingsRequest
{
    [AllowedValues("text", "photo", "both"), DefaultValue("text")]
    [Description("What fans enter. text: a written entry, a title and a caption. photo: a photo, with a title and a caption. both: each fan chooses a written entry or a photo. Cannot change once fans have taken part.")]
    public string? EntryType { get; init; }

    [Range(1, ContestSettingsValidator.MaxTitleLength), DefaultValue(80)]
    [Description("Most characters in an entry's title.")]
    public int? TitleMaxLength { get; init; }

    [Range(0, ContestSettingsValidator.MaxCaptionLength), DefaultValue(500)]
    [Description("Most characters in an entry's caption; 0: entries have no caption.")]
    public int? CaptionMaxLength { get; init; }

    [Range(1, ContestSettingsValidator.MaxEntriesPerParticipant), DefaultValue(1)]
    [Description("Entries one fan may send over the whole contest. Cannot change once fans have taken part.")]
    public int? EntriesPerParticipant { get; init; }

    [Description("When entries are taken, within the campaign's dates; an end left out is the campaign's own start or end.")]
    public ContestWindowRequest? EntryWindow { get; init; }

    [Description("When fans can vote on entries; it may overlap the entry window but must close after entries open. An end left out is the campaign's own start or end.")]
    public ContestWindowRequest? VotingWindow { get; init; }

    [AllowedValues("pre", "post"), DefaultValue("pre")]
    [Description("pre: entries stay hidden until a moderator approves them. post: entries show at once, until a moderator rejects them.")]
    public string? Moderation { get; init; }

    [Range(1, ContestSettingsValidator.MaxFlagThreshold), DefaultValue(5)]
    [Description("How many fans must flag an approved entry to hide it until a moderator looks at it again.")]
    public int? FlagThreshold { get; init; }

    [Description("How many votes a fan may give each entry, and how often; one per entry over the whole contest when absent. Cannot change once fans have taken part.")]
    public ContestVotingRequest? Voting { get; init; }

    [Description("How the winners are chosen and how many there are; the 3 entries with the most votes when absent.")]
    public ContestWinnersRequest? Winners { get; init; }

    [MaxLength(ContestSettingsValidator.MaxCriteria)]
    [Description("What jurors score each entry on, 0 to 10 each; labels are unique. Required when the winners' basis is jury or blend, not allowed when it is votes. Once fans have taken part, criteria can be added and relabelled but not removed.")]
    public List<ContestCriterionRequest?>? Criteria { get; init; }
}

[Description("A period of time; either end may be left open.")]
public sealed record ContestWindowRequest
{
    [Description("When it opens: an ISO 8601 date-time with its offset, e.g. 2026-06-01T09:00:00+02:00.")]
    public DateTimeOffset? OpensAt { get; init; }

    [Description("When it closes: an ISO 8601 date-time with its offset, later than opensAt.")]
    public DateTimeOffset? ClosesAt { get; init; }
}

[Description("How many votes a fan may give each entry, and how often; optionally caps across every entry, per day and in all.")]
public sealed record ContestVotingRequest
{
    [Range(1, ContestSettingsValidator.MaxVotesPerEntry), DefaultValue(1)]
    [Description("Votes one fan may give each entry per period.")]
    public int? VotesPerEntry { get; init; }

    [AllowedValues("campaign", "day"), DefaultValue("campaign")]
    [Description("campaign: the allowance covers the whole contest. day: it starts again at midnight in the campaign's time zone.")]
    public string? Period { get; init; }

    [Range(1, ContestSettingsValidator.MaxVotesAcross)]
    [Description("At most this many votes per fan per day (midnight in the campaign's time zone) across every entry; null: no daily cap.")]
    public int? PerDay { get; init; }

    [Range(1, ContestSettingsValidator.MaxVotesAcross)]
    [Description("At most this many votes per fan over the whole contest across every entry; null: no cap.")]
    public int? PerCampaign { get; init; }
}

[Description("How the winners are chosen.")]
public sealed record ContestWinnersRequest
{
    [AllowedValues("votes", "jury", "blend"), DefaultValue("votes")]
    [Description("votes: the entries with the most votes win. jury: the entries with the best jury scores win. blend: the public's votes and the jury's scores, weighted by publicWeight. Cannot change once fans have taken part.")]
    public string? Basis { get; init; }

    [Range(1, ContestSettingsValidator.MaxWinners), DefaultValue(3)]
    [Description("How many entries win.")]
    public int? Count { get; init; }

    [Range(0.0, 1.0), DefaultValue(0.5)]
    [Description("Only with the blend basis: the public vote's share of the result, from 0 to 1; the jury has the rest. Cannot change once fans have taken part.")]
    public double? PublicWeight { get; init; }
}

[Description("One thing jurors score entries on.")]
public sealed record ContestCriterionRequest
{
    [RegularExpression(ItemIds.PatternText)]
    [Description("Stable id jurors' scores are kept under: 1 to 32 characters a-z, 0-9 and inner hyphens; c1, c2… when absent.")]
    public string? Id { get; init; }

    [Required, Length(1, ContestSettingsValidator.MaxCriterionLabel), Description("What jurors see, e.g. Creativity.")]
    public string? Label { get; init; }
}
