using CampaignEngine.Contests;

namespace CampaignEngine.Contests.Jury;

/// <summary>An entry's standing with the jury: its score, 0 to 10, and how many jurors gave it.</summary>
public readonly record struct JuryStanding(double Score, int Jurors);

/// <summary>
/// The jury's score of each entry, as pure arithmetic: a juror's score of an entry is the mean of what they gave it on
/// the contest's criteria (a card made before a criterion was added counts on those it has), and the entry's score is
/// the mean over the jurors who scored it. Cards of removed jurors, and scores on criteria the contest no longer has,
/// do not count.
/// </summary>
public static class JuryTally
{
    public static IReadOnlyDictionary<string, JuryStanding> Of(
        IEnumerable<Scorecard> cards, IReadOnlyList<JuryCriterion> criteria, IReadOnlySet<string> jurors)
    {
        var sums = new Dictionary<string, (double Sum, int Jurors)>(StringComparer.Ordinal);
        foreach (var card in cards)
        {
            if (!jurors.Contains(card.JurorId) || CardScore(card, criteria) is not { } score) continue;
            var (sum, count) = sums.GetValueOrDefault(card.EntryId);
            sums[card.EntryId] = (sum + score, count + 1);
        }
        return sums.ToDictionary(s => s.Key, s => new JuryStanding(s.Value.Sum / s.Value.Jurors, s.Value.Jurors), StringComparer.Ordinal);
    }

    /// <summary>The mean of the card's scores on the contest's criteria; null when it has none of them.</summary>
    public static double? CardScore(Scorecard card, IReadOnlyList<JuryCriterion> criteria)
    {
        var (sum, count) = (0.0, 0);
        foreach (var criterion in criteria)
        {
            if (!card.Scores.TryGetValue(criterion.Id, out var score)) continue;
            sum += score;
            count++;
        }
        return count == 0 ? null : sum / count;
    }
}
