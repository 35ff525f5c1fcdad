using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Kinds;

namespace CampaignEngine.Surveys;

/// <summary>The <c>survey</c> section of a create request or merge patch (the attributes document <see cref="SurveySettingsValidator"/>'s rules).</summary>
[Description("The settings of a survey: pages of questions, the logic that shows questions and skips pages, and how many responses a device may give.")]
[OpenApiExample("""
    {
      "pages": [
        {
          "id": "visit",
          "title": "Your visit",
          "questions": [
            { "id": "dish", "type": "single", "text": "Which dish should we bring back this summer?", "required": true, "public": true,
              "options": [ { "id": "gazpacho", "label": "Gazpacho" }, { "id": "ceviche", "label": "Ceviche" } ], "allowOther": true },
            { "id": "nps", "type": "nps", "text": "How likely are you to recommend us to a friend?", "required": true, "public": true }
          ],
          "jumps": [ { "if": { "question": "nps", "operator": "greaterThan", "value": "8" }, "to": "end" } ]
        },
        {
          "id": "better",
          "title": "What we can do better",
          "questions": [
            { "id": "why", "type": "longText", "text": "What would make you recommend us?", "help": "A sentence or two is plenty.", "max": 1000 },
            { "id": "visits", "type": "number", "text": "How many times did you visit this year?", "min": 0, "max": 365,
              "showIf": { "question": "nps", "operator": "lessThan", "value": "7" } }
          ]
        }
      ],
      "responsesPerDevice": 1,
      "hideResultsUntilClosed": false
    }
    """)]
public sealed record SurveySettingsRequest
{
    [Required, Length(1, SurveySettingsValidator.MaxPages)]
    [Description("The pages, in order; each shows its questions together, with Back and Next.")]
    public List<SurveyPageRequest?>? Pages { get; init; }

    [MaxLength(SurveySettingsValidator.MaxQuotas)]
    [Description("Quotas: at most `limit` counted responses meeting `when` (a test of any question's answer, or of a hidden field as \"hidden.{name}\"), " +
                 "each taken at the last page's Submit and never over, however many fans answer at once. whenFull: end (the fan is told the survey is full; nothing is kept) " +
                 "or continue (the response is kept, and exported, but counted nowhere).")]
    public List<SurveyQuotaRequest?>? Quotas { get; init; }

    [Range(1, SurveySettingsValidator.MaxLimit)]
    [Description("At most this many counted responses in all; a fan past it is told the survey is full. None when absent.")]
    public long? ResponseLimit { get; init; }

    [MaxLength(SurveySettingsValidator.MaxHiddenFields)]
    [Description("Hidden fields: names a link's query string may fill (/c/{slug}?source=instagram&store=42), kept with the response and exported with it; fans never see them. " +
                 "Each name: 1 to 32 characters a-z, 0-9 and inner hyphens; a value: at most 200 characters.")]
    public List<string?>? HiddenFields { get; init; }

    [Range(1, SurveySettingsValidator.MaxResponsesPerDevice), DefaultValue(1)]
    [Description("Completed responses one device may give over the whole survey. Cannot change once fans have taken part.")]
    public int? ResponsesPerDevice { get; init; }

    [DefaultValue(false), Description("Fans see the public results page only once the survey has closed (the marketer API always shows the results).")]
    public bool? HideResultsUntilClosed { get; init; }
}

[Description("A page of the survey.")]
public sealed record SurveyPageRequest
{
    [RegularExpression(ItemIds.PatternText)]
    [Description("Stable id jumps go to: 1 to 32 characters a-z, 0-9 and inner hyphens; p1, p2… when absent.")]
    public string? Id { get; init; }

    [MaxLength(SurveySettingsValidator.MaxText), Description("A heading over the page's questions.")]
    public string? Title { get; init; }

    [Required, Length(1, SurveySettingsValidator.MaxQuestionsPerPage)]
    [Description("The page's questions, in order.")]
    public List<SurveyQuestionRequest?>? Questions { get; init; }

    [MaxLength(SurveySettingsValidator.MaxJumps)]
    [Description("Where to go after this page: the first jump whose condition holds goes to its page (always a later one) or to the end; without one, the next page.")]
    public List<SurveyJumpRequest?>? Jumps { get; init; }
}

[Description("One question.")]
public sealed record SurveyQuestionRequest
{
    [RegularExpression(ItemIds.PatternText)]
    [Description("Stable id answers and conditions use: 1 to 32 characters a-z, 0-9 and inner hyphens; q1, q2… when absent. Unique in the survey.")]
    public string? Id { get; init; }

    [Required, AllowedValues("single", "multiple", "dropdown", "rating", "nps", "matrix", "ranking", "shortText", "longText", "number", "email", "date", "consent")]
    [Description("single, multiple, dropdown: choices (options; multiple takes min/max picks; allowOther adds \"other, please specify\"). " +
                 "rating: 1 to max stars (3 to 10, 5 when absent). nps: 0 to 10, how likely to recommend. matrix: rows rated on a labelled scale (columns). " +
                 "ranking: the options put in order. shortText, longText: written answers (max characters). number: min to max, up to two decimals. " +
                 "email, date (year-month-day), consent: a box to tick.")]
    public string? Type { get; init; }

    [Required, Length(1, SurveySettingsValidator.MaxText), Description("The question as fans read it.")]
    public string? Text { get; init; }

    [MaxLength(SurveySettingsValidator.MaxText), Description("A hint under the question.")]
    public string? Help { get; init; }

    [DefaultValue(false), Description("A fan cannot go on without answering it (when it is shown).")]
    public bool? Required { get; init; }

    [MaxLength(SurveySettingsValidator.MaxOptions)]
    [Description("The choices of single, multiple, dropdown and ranking questions (2 to 50; a ranking at most 20). Once fans have answered, options can be added and relabelled but not removed.")]
    public List<SurveyChoiceRequest?>? Options { get; init; }

    [DefaultValue(false), Description("single, multiple, dropdown: adds a last choice \"other\" with a box to say what (its answers are listed, counted under the option id other).")]
    public bool? AllowOther { get; init; }

    [MaxLength(SurveySettingsValidator.MaxMatrixRows), Description("matrix: the statements rated, one row each.")]
    public List<SurveyChoiceRequest?>? Rows { get; init; }

    [MaxLength(SurveySettingsValidator.MaxMatrixColumns), Description("matrix: the scale every row is rated on (2 to 11 labelled points, for example Disagree … Agree).")]
    public List<SurveyChoiceRequest?>? Columns { get; init; }

    [Description("multiple: fewest picks (1 when absent). number: the smallest answer taken.")]
    public decimal? Min { get; init; }

    [Description("multiple: most picks. rating: the top of the scale (3 to 10). shortText, longText: most characters (200 and 2,000 when absent; at most 500 and 5,000). number: the largest answer taken.")]
    public decimal? Max { get; init; }

    [Description("Ask this question only when the condition holds of an answer on an earlier page.")]
    public SurveyConditionRequest? ShowIf { get; init; }

    [DefaultValue(false), Description("Show its results on the public results page; written answers (text, email, date) never are.")]
    public bool? Public { get; init; }
}

[Description("An option, a matrix row or a matrix column.")]
public sealed record SurveyChoiceRequest
{
    [RegularExpression(ItemIds.PatternText)]
    [Description("Stable id: 1 to 32 characters a-z, 0-9 and inner hyphens; o1, o2… (r1…, c1… for a matrix) when absent.")]
    public string? Id { get; init; }

    [Required, Length(1, SurveySettingsValidator.MaxLabel), Description("What fans see.")]
    public string? Label { get; init; }
}

[Description("A test of one answer.")]
public sealed record SurveyConditionRequest
{
    [Required, Description("The id of the question whose answer is tested.")]
    public string? Question { get; init; }

    [Required, AllowedValues("equals", "notEquals", "contains", "greaterThan", "lessThan", "answered")]
    [Description("equals, notEquals: the answer is (not) the value (an option id for a choice). contains: a multiple choice picked the option, or a text contains the value. " +
                 "greaterThan, lessThan: a rating, NPS or number compared with the value. answered: the question was answered at all.")]
    public string? Operator { get; init; }

    [MaxLength(SurveySettingsValidator.MaxLabel), Description("What the answer is compared with (as text: \"8\" for a number); not used by answered.")]
    public string? Value { get; init; }
}

[Description("A quota.")]
public sealed record SurveyQuotaRequest
{
    [Required, RegularExpression(ItemIds.PatternText), Description("Its id: 1 to 32 characters a-z, 0-9 and inner hyphens.")]
    public string? Id { get; init; }

    [Required, Range(1, SurveySettingsValidator.MaxLimit), Description("The most counted responses it takes.")]
    public long? Limit { get; init; }

    [Required, Description("Which responses it counts: a test of a question's answer (any page) or of a hidden field (\"hidden.{name}\").")]
    public SurveyConditionRequest? When { get; init; }

    [AllowedValues("end", "continue"), DefaultValue("end")]
    [Description("end: a fan past the limit is told the survey is full, nothing is kept. continue: the response is kept and exported but counted nowhere.")]
    public string? WhenFull { get; init; }
}

[Description("A jump after a page.")]
public sealed record SurveyJumpRequest
{
    [Required, Description("When to jump: a test of an answer on this page or an earlier one.")]
    public SurveyConditionRequest? If { get; init; }

    [Required, Description("The id of a later page, or end to finish the survey.")]
    public string? To { get; init; }
}
