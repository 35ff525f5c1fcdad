using System.ComponentModel;
using System.Text.Json.Serialization;
using CampaignEngine.Kinds;

namespace CampaignEngine.Surveys;

/// <summary>A survey's results: completed responses, and per question what was answered.</summary>
public sealed record SurveyResults(
    string Slug,
    [property: Description("Completed responses counted.")] long Responses,
    IReadOnlyList<QuestionResult> Questions,
    DateTimeOffset UpdatedAt) : KindResults(Slug, UpdatedAt)
{
    [Description("Fans who started: took the first page's Next, or sent a response whole. Started and not completed: started − responses.")]
    public long Started { get; init; }

    [Description("Responses kept past a full quota that lets them through: exported, counted nowhere else.")]
    public long OverQuota { get; init; }

    [Description("Responses as a percentage of those started.")]
    public double CompletionRate { get; init; }

    [Description("The median seconds from the first Next to the response (responses sent page by page only), read from counts per span of time; null when none.")]
    public double? MedianSeconds { get; init; }
}

/// <summary>
/// One question's results; which fields are set depends on its type. Percentages are of the fans who answered the question
/// (a multiple choice's add up to more than 100).
/// </summary>
public sealed record QuestionResult(
    string Id,
    string Type,
    string Text,
    [property: Description("Responses that answered this question.")] long Answered,
    [property: Description("Shown on the public results page.")] bool Public)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Single, multiple and dropdown choices (and consent): each option's count and percentage.")]
    public IReadOnlyList<ChoiceResult>? Options { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Rating and NPS: each point of the scale.")]
    public IReadOnlyList<ScalePoint>? Distribution { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Rating, NPS and number: the mean of the answers.")]
    public double? Average { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Number: the sum of the answers.")]
    public decimal? Sum { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("NPS: the score (% promoters − % detractors) and the three groups.")]
    public NpsResult? Nps { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Matrix: per row, each column's count and percentage of that row's answers.")]
    public IReadOnlyList<MatrixRowResult>? Matrix { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Ranking: the options by average rank (1 is best), with how often each was ranked first.")]
    public IReadOnlyList<RankResult>? Ranking { get; init; }
}

public sealed record ChoiceResult(string Id, string Label, long Count, double Percent);

public sealed record ScalePoint(int Value, long Count, double Percent);

public sealed record NpsResult(double Score, long Promoters, long Passives, long Detractors, double PromoterPercent, double PassivePercent, double DetractorPercent);

public sealed record MatrixRowResult(string Id, string Label, long Answered, IReadOnlyList<ChoiceResult> Columns);

public sealed record RankResult(string Id, string Label, double? AverageRank, long FirstChoice);
