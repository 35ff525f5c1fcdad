using CampaignEngine.Kinds;

namespace CampaignEngine.Polls;

/// <summary>
/// A poll's standing. <see cref="TotalVotes"/> counts ballots: in a multiple-choice poll one
/// ballot picks several options, so the options' percentages (of ballots) can add up to more than 100.
/// </summary>
public sealed record PollResults(string Slug, long TotalVotes, IReadOnlyList<OptionResult> Options, DateTimeOffset UpdatedAt)
    : KindResults(Slug, UpdatedAt);

public sealed record OptionResult(string Id, string Label, long Votes, double Percent);
