using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;

namespace CampaignEngine.Contests;

/// <summary>
/// A contest's settings: what an entry is, how many one fan may send and when, how entries are
/// moderated, how fans vote on them and how the winners are chosen.
/// </summary>
public sealed record ContestSettings : KindSettings
{
    public EntryType EntryType { get; init; } = EntryType.Text;

    public int TitleMaxLength { get; init; } = 80;

    /// <summary>0: entries have no caption.</summary>
    public int CaptionMaxLength { get; init; } = 500;

    /// <summary>Entries one participant (one device) may send over the whole contest.</summary>
    public int EntriesPerParticipant { get; init; } = 1;

    /// <summary>When entries are taken, within the campaign's own dates; null ends: the campaign's.</summary>
    public TimeWindow EntryWindow { get; init; } = new(null, null);

    /// <summary>When votes are taken; it may overlap the entry window.</summary>
    public TimeWindow VotingWindow { get; init; } = new(null, null);

    public ModerationMode Moderation { get; init; } = ModerationMode.Pre;

    /// <summary>Fans' flags that hide an approved entry until a moderator looks at it again.</summary>
    public int FlagThreshold { get; init; } = 5;

    public ContestVoting Voting { get; init; } = new();

    public WinnerRule Winners { get; init; } = new();

    /// <summary>What jurors score each entry on, 0 to 10 each; empty unless the winner rule uses the jury.</summary>
    public IReadOnlyList<JuryCriterion> Criteria { get; init; } = [];
}

public enum EntryType
{
    Text,
    Photo,
    Both,
}

public enum ModerationMode
{
    /// <summary>Entries wait, unseen, until a moderator approves them.</summary>
    Pre,

    /// <summary>Entries show at once, until a moderator rejects them.</summary>
    Post,
}

/// <summary>An interval of time; either end may be open.</summary>
public sealed record TimeWindow(DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt)
{
    public bool Contains(DateTimeOffset at) => (OpensAt is null || at >= OpensAt) && (ClosesAt is null || at < ClosesAt);
}

/// <summary>
/// Votes one voter may give each entry, per period (the whole contest, or a calendar day in the campaign's zone), and
/// optionally at most <paramref name="PerDay"/> a day and <paramref name="PerCampaign"/> in all, across every entry.
/// </summary>
public sealed record ContestVoting(int VotesPerEntry = 1, VotingPeriod Period = VotingPeriod.Campaign, int? PerDay = null, int? PerCampaign = null);

public enum WinnerBasis
{
    Votes,
    Jury,

    /// <summary>A weighted blend: <see cref="WinnerRule.PublicWeight"/> of the public's share, the rest the jury's.</summary>
    Blend,
}

/// <param name="PublicWeight">0 to 1; the share the public vote has in a blend (the jury has the rest).</param>
public sealed record WinnerRule(WinnerBasis Basis = WinnerBasis.Votes, int Count = 3, double PublicWeight = 0.5);

public sealed record JuryCriterion(string Id, string Label);
