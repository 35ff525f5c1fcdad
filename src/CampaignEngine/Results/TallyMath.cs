using CampaignEngine.Campaigns;
using CampaignEngine.Voting;

namespace CampaignEngine.Results;

/// <summary>Sums shard tallies into results. Pure, so the arithmetic is unit tested.</summary>
public static class TallyMath
{
    public static PollResults Sum(Campaign campaign, IEnumerable<IReadOnlyDictionary<string, long>> shardTallies, DateTimeOffset updatedAt)
    {
        var counts = campaign.Options.ToDictionary(o => o.Id, _ => 0L);
        foreach (var shard in shardTallies)
        {
            foreach (var option in campaign.Options)
            {
                if (shard.TryGetValue(VoteKeys.OptionProperty(option.Id), out var n)) counts[option.Id] += n;
            }
        }

        // The total is the sum of the options shown, so the percentages always add up.
        var total = counts.Values.Sum();
        var options = campaign.Options
            .Select(o => new OptionResult(o.Id, o.Label, counts[o.Id], Percent(counts[o.Id], total)))
            .ToList();
        return new PollResults(campaign.Slug, total, options, updatedAt);
    }

    /// <summary>Percent of the total with one decimal; 0 when nobody voted.</summary>
    public static double Percent(long votes, long total) =>
        total == 0 ? 0 : Math.Round(votes * 100.0 / total, 1, MidpointRounding.AwayFromZero);
}
