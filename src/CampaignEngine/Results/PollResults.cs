namespace CampaignEngine.Results;

public sealed record PollResults(string Slug, long TotalVotes, IReadOnlyList<OptionResult> Options, DateTimeOffset UpdatedAt);

public sealed record OptionResult(string Id, string Label, long Votes, double Percent);
