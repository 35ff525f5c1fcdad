using CampaignEngine.Campaigns;

namespace CampaignEngine.Contests.Jury;

/// <summary>The jury's standing of each entry of a contest, from its current jurors' cards; empty for a contest judged by votes.</summary>
public sealed class ContestJury(JurorStore jurors, JuryScoreStore scores)
{
    public async Task<(IReadOnlyDictionary<string, JuryStanding> Standings, int Jurors)> StandingsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        if (contest.Winners.Basis == WinnerBasis.Votes) return (new Dictionary<string, JuryStanding>(), 0);
        var panel = (await jurors.ListAsync(campaign.Slug, cancellationToken)).Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var cards = new List<Scorecard>();
        await foreach (var card in scores.AllAsync(campaign.Slug, cancellationToken)) cards.Add(card);
        return (JuryTally.Of(cards, contest.Criteria, panel), panel.Count);
    }
}
