namespace CampaignEngine.Surveys;

// What the survey templates see (snake_case in Scriban). Numbers arrive formatted for the page's locale.

/// <summary>One page of the survey form; <see cref="Carried"/>: the hidden fields that keep the other pages' answers.</summary>
public sealed record SurveyPageView(
    string Id,
    string? Title,
    string Progress,
    int ProgressValue,
    int ProgressMax,
    IReadOnlyList<QuestionView> Questions,
    IReadOnlyList<HiddenField> Carried,
    bool CanGoBack,
    bool IsLast,
    bool MayEnd);

public sealed record HiddenField(string Name, string Value);

/// <summary>
/// One question. <see cref="Kind"/> picks its markup: choice (radios or checkboxes), dropdown, scale (rating and NPS),
/// matrix, ranking, text, textarea, number, email, date, consent.
/// </summary>
public sealed record QuestionView(
    string Id,
    string Anchor,
    string Name,
    string Kind,
    string Text,
    string? Help,
    bool Required,
    string? Error)
{
    public bool Multiple { get; init; }
    public IReadOnlyList<ChoiceView> Choices { get; init; } = [];
    public ChoiceView? Other { get; init; }
    public string? OtherName { get; init; }
    public string? OtherValue { get; init; }
    public string? Value { get; init; }
    public string? Min { get; init; }
    public string? Max { get; init; }
    public string? Step { get; init; }
    public int? MaxLength { get; init; }
    public string? LowLabel { get; init; }
    public string? HighLabel { get; init; }
    public IReadOnlyList<string> Columns { get; init; } = [];
    public IReadOnlyList<MatrixRowView> Rows { get; init; } = [];
    public IReadOnlyList<RankView> Ranks { get; init; } = [];
    public string? Picked { get; init; }
}

public sealed record ChoiceView(string Value, string InputId, string Label, bool Checked);

public sealed record MatrixRowView(string Label, string Name, string HeadingId, IReadOnlyList<ChoiceView> Cells);

public sealed record RankView(string Label, string Name, string InputId, IReadOnlyList<ChoiceView> Places);

/// <summary>A refused answer in the error summary, pointing at its question.</summary>
public sealed record SurveyErrorView(string Target, string Message);

/// <summary>One question on the results page.</summary>
public sealed record QuestionResultView(string Text, string Answered, string? Headline)
{
    public IReadOnlyList<BarView> Bars { get; init; } = [];
    public IReadOnlyList<string> Columns { get; init; } = [];
    public IReadOnlyList<MatrixResultRow> Matrix { get; init; } = [];
    public IReadOnlyList<RankResultView> Ranking { get; init; } = [];
}

public sealed record BarView(string Label, string Figures, string BarWidth, bool Leading);

public sealed record MatrixResultRow(string Label, IReadOnlyList<string> Cells);

public sealed record RankResultView(string Label, string Figures);
