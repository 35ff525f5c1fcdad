using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Surveys;

/// <summary>
/// A survey's counters and how they sum into per-question results. The counters sit on the shards' further counter row
/// <c>tally|s</c> (packed, so a survey of many questions and options fits), named after the question:
/// <c>{q}</c> answered; <c>{q}.{option}</c> picked; <c>{q}={value}</c> a scale point and <c>{q}+</c> the sum of the values
/// (a number's in hundredths); <c>{q}.{row}</c> and <c>{q}.{row}={column}</c> a matrix; <c>{q}.{option}+</c> the sum of an
/// option's ranks and <c>{q}.{option}@1</c> how often it was ranked first. Pure, so the arithmetic is unit tested.
/// </summary>
public static class SurveyTally
{
    public static readonly string CounterRow = SubmissionKeys.CounterRowOf("s");

    /// <summary>Completed responses, on the main counter row (its <c>total</c> counts the starts too).</summary>
    public const string CompletedCounter = "completed";

    /// <summary>Completed responses that know their time to complete, and how many took each <see cref="TimeBuckets"/> span.</summary>
    public const string TimedCounter = "~timed";

    /// <summary>The upper bounds, in seconds, of the spans times to complete are counted in; the last is open.</summary>
    public static readonly int[] TimeBuckets = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600, 7200, 14400, 86400];

    /// <summary>Responses kept past a full quota that lets them through, counted nowhere else.</summary>
    public const string OverQuotaCounter = "~over";

    public static void Project(SurveyResponseData data, ProjectionRow row)
    {
        if (data.OverQuota == true)
        {
            row.Count(CounterRow, OverQuotaCounter);
            return;
        }
        row.Count(CompletedCounter);
        if (data.Seconds is { } seconds)
        {
            row.Count(CounterRow, TimedCounter);
            row.Count(CounterRow, "~t" + BucketOf(seconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var question in data.Answered) row.Count(CounterRow, question);
        foreach (var (q, choice) in data.Choice ?? []) row.Count(CounterRow, $"{q}.{choice}");
        foreach (var (q, choices) in data.Choices ?? [])
        {
            foreach (var choice in choices) row.Count(CounterRow, $"{q}.{choice}");
        }
        foreach (var (q, value) in data.Scale ?? [])
        {
            row.Count(CounterRow, $"{q}={value}");
            row.Add(CounterRow, q + "+", value);
        }
        foreach (var (q, value) in data.Number ?? []) row.Add(CounterRow, q + "+", (long)decimal.Round(value * 100));
        foreach (var (q, cells) in data.Matrix ?? [])
        {
            foreach (var (matrixRow, column) in cells)
            {
                row.Count(CounterRow, $"{q}.{matrixRow}");
                row.Count(CounterRow, $"{q}.{matrixRow}={column}");
            }
        }
        foreach (var (q, ranked) in data.Ranking ?? [])
        {
            for (var i = 0; i < ranked.Count; i++) row.Add(CounterRow, $"{q}.{ranked[i]}+", i + 1);
            if (ranked.Count > 0) row.Count(CounterRow, $"{q}.{ranked[0]}@1");
        }
    }

    public static SurveyResults Sum(string slug, SurveySettings survey, CounterTotals counters)
    {
        var completed = counters[CompletedCounter];
        var timed = counters[TimedCounter];
        // A response sent whole (JSON, a one-page form) started as it was sent: it has no start of its own.
        var started = Math.Max(completed, counters[SurveyStart.StartedCounter] + completed - timed);
        return new SurveyResults(slug, completed, survey.Questions.Select(q => Question(q, counters)).ToList(), counters.UpdatedAt)
        {
            Started = started,
            CompletionRate = Percent(completed, started),
            OverQuota = counters[OverQuotaCounter],
            MedianSeconds = Median(Enumerable.Range(0, TimeBuckets.Length + 1).Select(b => counters["~t" + b.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ToList()),
        };
    }

    public static int BucketOf(int seconds)
    {
        for (var i = 0; i < TimeBuckets.Length; i++)
        {
            if (seconds <= TimeBuckets[i]) return i;
        }
        return TimeBuckets.Length;
    }

    /// <summary>
    /// The median time to complete from the counts per span: the span holding the middle response, read linearly within it
    /// (the open last span gives its lower bound). Null when no response was timed.
    /// </summary>
    public static double? Median(IReadOnlyList<long> perBucket)
    {
        var total = perBucket.Sum();
        if (total == 0) return null;
        var half = total / 2.0;
        long below = 0;
        for (var i = 0; i < perBucket.Count; i++)
        {
            if (below + perBucket[i] >= half && perBucket[i] > 0)
            {
                if (i == TimeBuckets.Length) return TimeBuckets[^1];
                double low = i == 0 ? 0 : TimeBuckets[i - 1], high = TimeBuckets[i];
                return Math.Round(low + (high - low) * (half - below) / perBucket[i], 1, MidpointRounding.AwayFromZero);
            }
            below += perBucket[i];
        }
        return TimeBuckets[^1];
    }

    private static QuestionResult Question(SurveyQuestion question, CounterTotals counters)
    {
        var answered = counters[question.Id];
        var result = new QuestionResult(question.Id, SurveySettingsValidator.TypeName(question.Type), question.Text, answered, question.Public);
        switch (question.Type)
        {
            case QuestionType.Single or QuestionType.Multiple or QuestionType.Dropdown:
                var options = question.Options.ToList();
                if (question.AllowOther && question.FindOption(SurveyQuestion.OtherOption) is null) options.Add(new SurveyChoice(SurveyQuestion.OtherOption, "Other"));
                return result with { Options = options.Select(o => Choice(o, counters[$"{question.Id}.{o.Id}"], answered)).ToList() };
            case QuestionType.Consent:
                return result with { Options = [Choice(new SurveyChoice("yes", "Yes"), counters[$"{question.Id}.yes"], answered)] };
            case QuestionType.Rating or QuestionType.Nps:
                var (min, max) = AnswerReader.NumberRange(question);
                var points = Enumerable.Range((int)min, (int)(max - min) + 1)
                    .Select(v => new ScalePoint(v, counters[$"{question.Id}={v}"], Percent(counters[$"{question.Id}={v}"], answered))).ToList();
                return result with
                {
                    Distribution = points,
                    Average = Average(counters[question.Id + "+"], answered),
                    Nps = question.Type == QuestionType.Nps ? NpsOf(points, answered) : null,
                };
            case QuestionType.Number:
                return result with { Average = Average(counters[question.Id + "+"], answered * 100), Sum = counters[question.Id + "+"] / 100m };
            case QuestionType.Matrix:
                return result with
                {
                    Matrix = question.Rows.Select(r =>
                    {
                        var rowAnswered = counters[$"{question.Id}.{r.Id}"];
                        return new MatrixRowResult(r.Id, r.Label, rowAnswered,
                            question.Columns.Select(c => Choice(c, counters[$"{question.Id}.{r.Id}={c.Id}"], rowAnswered)).ToList());
                    }).ToList(),
                };
            case QuestionType.Ranking:
                return result with
                {
                    Ranking = question.Options
                        .Select(o => new RankResult(o.Id, o.Label, Average(counters[$"{question.Id}.{o.Id}+"], answered), counters[$"{question.Id}.{o.Id}@1"]))
                        .OrderBy(r => r.AverageRank ?? double.MaxValue).ToList(),
                };
            default:
                return result;
        }
    }

    /// <summary>The net promoter score: the percentage of promoters (9–10) less that of detractors (0–6), from −100 to 100.</summary>
    public static NpsResult NpsOf(IReadOnlyList<ScalePoint> points, long answered)
    {
        var promoters = points.Where(p => p.Value >= 9).Sum(p => p.Count);
        var detractors = points.Where(p => p.Value <= 6).Sum(p => p.Count);
        var passives = answered - promoters - detractors;
        var score = answered == 0 ? 0 : Math.Round((promoters - detractors) * 100.0 / answered, 1, MidpointRounding.AwayFromZero);
        return new NpsResult(score, promoters, passives, detractors, Percent(promoters, answered), Percent(passives, answered), Percent(detractors, answered));
    }

    private static ChoiceResult Choice(SurveyChoice choice, long count, long answered) => new(choice.Id, choice.Label, count, Percent(count, answered));

    public static double Percent(long count, long total) =>
        total == 0 ? 0 : Math.Round(count * 100.0 / total, 1, MidpointRounding.AwayFromZero);

    private static double? Average(long sum, long count) => count == 0 ? null : Math.Round((double)sum / count, 2, MidpointRounding.AwayFromZero);
}
