using System.ComponentModel;
using CampaignEngine.Kinds;

namespace CampaignEngine.Contests;

/// <summary>
/// A contest's totals from its counters: entries counted and votes counted. The standing of each entry is on the
/// leaderboard (<c>GET /api/campaigns/{slug}/entries?sort=votes</c>).
/// </summary>
public sealed record ContestResults(
    string Slug,
    [property: Description("Entries counted (whatever their moderation status).")] long Entries,
    [property: Description("Votes counted, over every entry.")] long Votes,
    [property: Description("Fans' flags counted, over every entry: with the gallery's views, the community's own moderation.")] long Flags,
    DateTimeOffset UpdatedAt) : KindResults(Slug, UpdatedAt);
