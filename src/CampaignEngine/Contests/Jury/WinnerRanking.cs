namespace CampaignEngine.Contests.Jury;

/// <summary>An entry that may win: its votes, its jury standing (null when no juror scored it) and when it was entered.</summary>
public sealed record Candidate(Entry Entry, long Votes, JuryStanding? Jury);

/// <summary>A candidate placed by the rule, with the score it was placed by.</summary>
public sealed record Placed(Candidate Candidate, int Rank, double Score, double? PublicScore);

/// <summary>
/// Orders candidates by a contest's winner rule. Votes: by votes. Jury: by the jury's score, and only entries a juror
/// scored can place. Blend: <c>w × public + (1 − w) × jury</c>, where the public score is 10 × the entry's votes over the
/// most any candidate has (so both sides run 0 to 10) and an entry no juror scored has 0 from the jury. Equal scores share
/// a rank; among them the one entered first is listed first.
/// </summary>
public static class WinnerRanking
{
    // Scores are means of integers; two equal ones may differ in their last bits after the arithmetic.
    private const double Tie = 1e-9;

    public static IReadOnlyList<Placed> Rank(IEnumerable<Candidate> candidates, WinnerRule rule)
    {
        var all = candidates.ToList();
        var mostVotes = all.Count == 0 ? 0 : all.Max(c => c.Votes);
        var scored = all
            .Where(c => rule.Basis != WinnerBasis.Jury || c.Jury is not null)
            .Select(c => (Candidate: c, Public: PublicScore(c.Votes, mostVotes), Score: ScoreOf(c, rule, mostVotes)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Candidate.Entry.SubmittedAt)
            .ThenBy(s => s.Candidate.Entry.Id, StringComparer.Ordinal)
            .ToList();
        var placed = new List<Placed>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var rank = i > 0 && Math.Abs(scored[i - 1].Score - scored[i].Score) <= Tie ? placed[i - 1].Rank : i + 1;
            placed.Add(new Placed(scored[i].Candidate, rank, scored[i].Score, rule.Basis == WinnerBasis.Blend ? scored[i].Public : null));
        }
        return placed;
    }

    public static double PublicScore(long votes, long mostVotes) => mostVotes == 0 ? 0 : 10.0 * votes / mostVotes;

    private static double ScoreOf(Candidate candidate, WinnerRule rule, long mostVotes) => rule.Basis switch
    {
        WinnerBasis.Jury => candidate.Jury!.Value.Score,
        WinnerBasis.Blend => rule.PublicWeight * PublicScore(candidate.Votes, mostVotes) + (1 - rule.PublicWeight) * (candidate.Jury?.Score ?? 0),
        _ => candidate.Votes,
    };
}
