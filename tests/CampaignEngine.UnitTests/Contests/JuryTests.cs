using CampaignEngine.Contests;
using CampaignEngine.Contests.Jury;

namespace CampaignEngine.UnitTests.Contests;

public sealed class JuryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly JuryCriterion[] Criteria = [new("taste", "Taste"), new("look", "Look")];

    private static Entry Entry(string id, int minute) => new(id, "Entry " + id, null, EntryStatus.Approved, false, Start.AddMinutes(minute), null, null, Start);

    private static Scorecard Card(string juror, string entry, int taste, int? look = null) =>
        new(juror, entry, look is { } l ? new Dictionary<string, int> { ["taste"] = taste, ["look"] = l } : new Dictionary<string, int> { ["taste"] = taste }, Start);

    [Fact]
    public void AnEntrysJuryScoreIsTheMeanOverItsJurorsOfEachJurorsMeanOverTheCriteria()
    {
        var tally = JuryTally.Of([Card("j1", "a", 8, 6), Card("j2", "a", 10, 9), Card("j1", "b", 3, 4)], Criteria, new HashSet<string> { "j1", "j2" });

        Assert.Equal(new JuryStanding((7 + 9.5) / 2, 2), tally["a"]);
        Assert.Equal(new JuryStanding(3.5, 1), tally["b"]);
    }

    [Fact]
    public void RemovedJurorsAndCriteriaTheContestNoLongerHasDoNotCount()
    {
        var cards = new[] { Card("gone", "a", 0, 0), Card("j1", "a", 9), Card("j1", "b", 4) with { Scores = new Dictionary<string, int> { ["old"] = 10 } } };

        var tally = JuryTally.Of(cards, Criteria, new HashSet<string> { "j1" });

        // j1's card on a predates the look criterion: it counts on taste alone; b's card has no current criterion at all.
        Assert.Equal(new JuryStanding(9, 1), tally["a"]);
        Assert.False(tally.ContainsKey("b"));
    }

    [Fact]
    public void ByVotesTiesShareARankAndTheEarlierEntryIsListedFirst()
    {
        var placed = WinnerRanking.Rank([new(Entry("a", 2), 5, null), new(Entry("b", 1), 5, null), new(Entry("c", 0), 9, null)], new WinnerRule());

        Assert.Equal([("c", 1, 9.0), ("b", 2, 5.0), ("a", 2, 5.0)], placed.Select(p => (p.Candidate.Entry.Id, p.Rank, p.Score)));
        Assert.All(placed, p => Assert.Null(p.PublicScore));
    }

    [Fact]
    public void ByTheJuryOnlyScoredEntriesPlaceWhateverTheirVotes()
    {
        var placed = WinnerRanking.Rank(
            [new(Entry("popular", 0), 900, null), new(Entry("fine", 1), 3, new JuryStanding(6.5, 2)), new(Entry("best", 2), 1, new JuryStanding(8, 1))],
            new WinnerRule(WinnerBasis.Jury));

        Assert.Equal([("best", 1), ("fine", 2)], placed.Select(p => (p.Candidate.Entry.Id, p.Rank)));
    }

    [Fact]
    public void ABlendWeighsThePublicScoreAgainstTheLeaderAndTheJurysScore()
    {
        // Public scores: a 10 (the leader), b 5, c 0. Weight 0.4: a = 4 + 0.6 × 2 = 5.2; b = 2 + 0.6 × 9 = 7.4; c = 0.6 × 8 = 4.8.
        var placed = WinnerRanking.Rank(
            [new(Entry("a", 0), 40, new JuryStanding(2, 1)), new(Entry("b", 1), 20, new JuryStanding(9, 1)), new(Entry("c", 2), 0, new JuryStanding(8, 3))],
            new WinnerRule(WinnerBasis.Blend, 3, 0.4));

        Assert.Equal(["b", "a", "c"], placed.Select(p => p.Candidate.Entry.Id));
        Assert.Equal([7.4, 5.2, 4.8], placed.Select(p => Math.Round(p.Score, 6)));
        Assert.Equal([5.0, 10.0, 0.0], placed.Select(p => p.PublicScore!.Value));
    }

    [Fact]
    public void InABlendAnEntryNoJurorScoredHasNothingFromTheJuryAndNoVotesAnywhereGiveEveryoneAPublicZero()
    {
        var placed = WinnerRanking.Rank([new(Entry("a", 0), 0, null), new(Entry("b", 1), 0, new JuryStanding(5, 1))], new WinnerRule(WinnerBasis.Blend, 3, 0.5));

        Assert.Equal([("b", 1, 2.5), ("a", 2, 0.0)], placed.Select(p => (p.Candidate.Entry.Id, p.Rank, p.Score)));
    }

    [Fact]
    public void EqualBlendedScoresShareARankThoughTheArithmeticRoundsThemDifferently()
    {
        // 0.1 × 10 + 0.9 × 3 and 0.1 × 0 + 0.9 × (3 + 10/9): equal on paper, not always in binary.
        var placed = WinnerRanking.Rank(
            [new(Entry("a", 0), 10, new JuryStanding(3, 1)), new(Entry("b", 1), 0, new JuryStanding(3 + 10.0 / 9, 1))], new WinnerRule(WinnerBasis.Blend, 3, 0.1));

        Assert.Equal([1, 1], placed.Select(p => p.Rank));
    }

    [Theory]
    [InlineData("""{"taste":11,"look":5}""", "scores.taste")]
    [InlineData("""{"taste":-1,"look":5}""", "scores.taste")]
    [InlineData("""{"taste":5}""", "scores.look")]
    [InlineData("""{"taste":5,"look":null}""", "scores.look")]
    [InlineData("""{"taste":5,"look":5,"smell":3}""", "scores.smell")]
    public void AScorecardNeedsAWholeNumberFromZeroToTenForEveryCriterionAndNoOthers(string json, string field)
    {
        var scores = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int?>>(json)!;

        Assert.Equal([field], ScoreRules.Check(scores, Criteria).Keys);
    }

    [Fact]
    public void ACompleteScorecardPassesAndAMissingOneNamesTheCriteria()
    {
        Assert.Empty(ScoreRules.Check(new Dictionary<string, int?> { ["taste"] = 0, ["look"] = 10 }, Criteria));
        Assert.Contains("taste, look", ScoreRules.Check(null, Criteria)["scores"][0]);
    }
}
