using CampaignEngine.Kinds;
using CampaignEngine.Submissions;
using CampaignEngine.Surveys;
using static CampaignEngine.UnitTests.Surveys.Surveys;

namespace CampaignEngine.UnitTests.Surveys;

public sealed class SurveyTallyTests
{
    private static readonly SurveySettings Survey = OnePage(
        """{ "id": "dish", "type": "single", "text": "Dish", "allowOther": true, "options": [ { "id": "a", "label": "A" }, { "id": "b", "label": "B" } ] }""",
        """{ "id": "tags", "type": "multiple", "text": "Tags", "options": [ { "id": "x", "label": "X" }, { "id": "y", "label": "Y" } ] }""",
        """{ "id": "nps", "type": "nps", "text": "NPS" }""",
        """{ "id": "stars", "type": "rating", "text": "Stars" }""",
        """{ "id": "spend", "type": "number", "text": "Spend" }""",
        """{ "id": "grid", "type": "matrix", "text": "Grid", "rows": [ { "id": "taste", "label": "Taste" } ], "columns": [ { "id": "bad", "label": "Bad" }, { "id": "good", "label": "Good" } ] }""",
        """{ "id": "order", "type": "ranking", "text": "Order", "options": [ { "id": "a", "label": "A" }, { "id": "b", "label": "B" } ] }""",
        """{ "id": "note", "type": "longText", "text": "Note" }""");

    /// <summary>The counters the projection writes for these responses, summed as the results service sums shards.</summary>
    private static SurveyResults Tally(params (string, string)[][] responses)
    {
        var totals = new Dictionary<string, long>();
        foreach (var response in responses)
        {
            var walk = SurveyFlow.Follow(Survey, Fields(response));
            Assert.Empty(walk.Errors);
            var data = SurveyResponseData.Of(Survey, walk.Answers).Write();
            var row = new ProjectionRow();
            SurveyTally.Project(SurveyResponseData.Read(data), row);
            foreach (var counter in row.Counters)
            {
                // Completed on the main row beside the core's total; everything else on the survey's packed row.
                Assert.Equal(counter.Property == SurveyTally.CompletedCounter ? SubmissionKeys.CounterRow : SurveyTally.CounterRow, counter.Row);
                totals[counter.Property] = totals.GetValueOrDefault(counter.Property) + counter.Amount;
            }
            totals[SubmissionKeys.TotalCounter] = totals.GetValueOrDefault(SubmissionKeys.TotalCounter) + 1;
        }
        return SurveyTally.Sum("s", Survey, new CounterTotals(totals, DateTimeOffset.UnixEpoch));
    }

    private static QuestionResult Q(SurveyResults results, string id) => results.Questions.Single(q => q.Id == id);

    [Fact]
    public void EachQuestionIsSummedByItsType()
    {
        var results = Tally(
            [("dish", "a"), ("tags", "x"), ("tags", "y"), ("nps", "10"), ("stars", "4"), ("spend", "12.5"), ("grid.taste", "good"), ("order.a", "2"), ("order.b", "1"), ("note", "Great")],
            [("dish", "other"), ("dish.other", "Soup"), ("tags", "y"), ("nps", "5"), ("stars", "2"), ("spend", "7.25"), ("grid.taste", "bad"), ("order.a", "1"), ("order.b", "2")],
            [("dish", "a"), ("nps", "8")]);

        Assert.Equal(3, results.Responses);
        Assert.Equal([2L, 0L, 1L], Q(results, "dish").Options!.Select(o => o.Count));
        Assert.Equal([66.7, 0.0, 33.3], Q(results, "dish").Options!.Select(o => o.Percent));
        Assert.Equal(2, Q(results, "tags").Answered);
        Assert.Equal([50.0, 100.0], Q(results, "tags").Options!.Select(o => o.Percent));
        Assert.Equal(3.0, Q(results, "stars").Average);
        Assert.Equal(9.88, Q(results, "spend").Average);
        Assert.Equal(19.75m, Q(results, "spend").Sum);
        Assert.Equal([1L, 1L], Q(results, "grid").Matrix!.Single().Columns.Select(c => c.Count));
        Assert.Equal([("a", 1.5, 1L), ("b", 1.5, 1L)], Q(results, "order").Ranking!.Select(r => (r.Id, r.AverageRank!.Value, r.FirstChoice)));
        Assert.Equal(1, Q(results, "note").Answered);
        Assert.Null(Q(results, "note").Options);
    }

    [Fact]
    public void TheNetPromoterScoreIsPromotersLessDetractorsInPercent()
    {
        var results = Tally([("nps", "10")], [("nps", "9")], [("nps", "8")], [("nps", "6")], [("nps", "0")]);
        var nps = Q(results, "nps").Nps!;

        Assert.Equal((2L, 1L, 2L), (nps.Promoters, nps.Passives, nps.Detractors));
        Assert.Equal(0.0, nps.Score);
        Assert.Equal(11, Q(results, "nps").Distribution!.Count);
        Assert.Equal(6.6, Q(results, "nps").Average);
    }

    [Theory]
    [InlineData(new[] { 10, 10, 9 }, 100.0)]
    [InlineData(new[] { 0, 6, 3 }, -100.0)]
    [InlineData(new[] { 7, 8 }, 0.0)]
    [InlineData(new[] { 9, 9, 0 }, 33.3)]
    public void NpsArithmetic(int[] scores, double expected)
    {
        var points = Enumerable.Range(0, 11).Select(v => new ScalePoint(v, scores.Count(s => s == v), 0)).ToList();
        Assert.Equal(expected, SurveyTally.NpsOf(points, scores.Length).Score);
    }

    [Fact]
    public void NoAnswersGiveZerosAndNoAverages()
    {
        var results = Tally();

        Assert.Equal(0, results.Responses);
        Assert.Null(Q(results, "stars").Average);
        Assert.Equal(0.0, Q(results, "nps").Nps!.Score);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    [InlineData(86400, 21)]
    [InlineData(86401, 22)]
    public void ATimeToCompleteFallsInTheSpanItEndsIn(int seconds, int bucket) => Assert.Equal(bucket, SurveyTally.BucketOf(seconds));

    [Fact]
    public void TheMedianIsReadLinearlyInTheSpanHoldingTheMiddleResponse()
    {
        var perBucket = new long[SurveyTally.TimeBuckets.Length + 1];
        Assert.Null(SurveyTally.Median(perBucket));
        // Four responses in 60–90 s, none elsewhere: the middle one is half way through that span.
        perBucket[SurveyTally.BucketOf(75)] = 4;
        Assert.Equal(75.0, SurveyTally.Median(perBucket));
        // One quick, three slow: the median lies in the slow span.
        perBucket[SurveyTally.BucketOf(3)] = 1;
        perBucket[SurveyTally.BucketOf(75)] = 3;
        Assert.Equal(70.0, SurveyTally.Median(perBucket));
    }

    [Fact]
    public void StartedCountsTheStartsAndTheResponsesSentWholeAndTheRateIsOfThem()
    {
        var counters = new Dictionary<string, long>
        {
            [SurveyTally.CompletedCounter] = 6, [SurveyTally.TimedCounter] = 4, [SurveyStart.StartedCounter] = 8, ["~t" + SurveyTally.BucketOf(100)] = 4,
        };
        var results = SurveyTally.Sum("s", Survey, new CounterTotals(counters, DateTimeOffset.UnixEpoch));

        // Eight started page by page (four finished), two more sent whole.
        Assert.Equal((10L, 6L, 60.0), (results.Started, results.Responses, results.CompletionRate));
        Assert.Equal(105.0, results.MedianSeconds);
    }
}
