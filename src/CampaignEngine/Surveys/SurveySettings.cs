using System.Text.Json.Serialization;
using CampaignEngine.Kinds;

namespace CampaignEngine.Surveys;

/// <summary>A survey's settings: its pages of questions with their logic, and how many responses one device may give.</summary>
public sealed record SurveySettings : KindSettings
{
    public IReadOnlyList<SurveyPage> Pages { get; init; } = [];

    public int ResponsesPerDevice { get; init; } = 1;

    /// <summary>Limits on the counted responses of a kind (<c>hidden.store</c> equals 42), each with what happens when it is full.</summary>
    public IReadOnlyList<Quotas.SurveyQuota> Quotas { get; init; } = [];

    /// <summary>At most this many counted responses in all; none when null.</summary>
    public long? ResponseLimit { get; init; }

    /// <summary>Values a link carries in its query string (<c>?source=instagram</c>), kept with the response.</summary>
    public IReadOnlyList<string> HiddenFields { get; init; } = [];

    /// <summary>Fans see the results page (of the questions marked public) only once the survey has closed.</summary>
    public bool HideResultsUntilClosed { get; init; }

    [JsonIgnore]
    public IEnumerable<SurveyQuestion> Questions => Pages.SelectMany(p => p.Questions);

    public SurveyQuestion? FindQuestion(string? id) => Questions.FirstOrDefault(q => q.Id == id);

    public int PageIndexOf(string questionId) =>
        Pages.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Questions.Any(q => q.Id == questionId), (null!, -1)).Item2;
}

public sealed record SurveyPage(string Id, string? Title, IReadOnlyList<SurveyQuestion> Questions, IReadOnlyList<SurveyJump> Jumps);

/// <summary>After its page, when <paramref name="If"/> holds, the survey goes on at page <paramref name="To"/> (or ends: <see cref="End"/>).</summary>
public sealed record SurveyJump(SurveyCondition If, string To)
{
    public const string End = "end";
}

public enum QuestionType
{
    Single,
    Multiple,
    Dropdown,
    Rating,
    Nps,
    Matrix,
    Ranking,
    ShortText,
    LongText,
    Number,
    Email,
    Date,
    Consent,
}

/// <summary>
/// One question. <see cref="Options"/>: the choices (single, multiple, dropdown, ranking); <see cref="Rows"/> and
/// <see cref="Columns"/>: a matrix's statements and its labelled scale; <see cref="Min"/>/<see cref="Max"/>: how many a
/// multiple choice picks, a number's range, a rating's scale (1 to Max), a text's length (Max).
/// </summary>
public sealed record SurveyQuestion
{
    public required string Id { get; init; }
    public required QuestionType Type { get; init; }
    public required string Text { get; init; }
    public string? Help { get; init; }
    public bool Required { get; init; }
    public IReadOnlyList<SurveyChoice> Options { get; init; } = [];
    public bool AllowOther { get; init; }
    public IReadOnlyList<SurveyChoice> Rows { get; init; } = [];
    public IReadOnlyList<SurveyChoice> Columns { get; init; } = [];
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }

    /// <summary>Asked only when this holds (of an answer on an earlier page); always when null.</summary>
    public SurveyCondition? ShowIf { get; init; }

    /// <summary>Shown on the public results page (text answers never are).</summary>
    public bool Public { get; init; }

    public SurveyChoice? FindOption(string? id) => Options.FirstOrDefault(o => o.Id == id);

    /// <summary>The id an "other, please specify" answer is counted under.</summary>
    public const string OtherOption = "other";
}

public sealed record SurveyChoice(string Id, string Label);

public enum ConditionOperator { Equals, NotEquals, Contains, GreaterThan, LessThan, Answered }

/// <summary>A test of one earlier answer: equal to a value, containing one (a multiple choice), greater or less than a number, or answered at all.</summary>
public sealed record SurveyCondition(string Question, ConditionOperator Operator, string? Value);
