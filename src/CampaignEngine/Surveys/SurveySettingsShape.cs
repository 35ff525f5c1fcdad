using CampaignEngine.Kinds;

namespace CampaignEngine.Surveys;

/// <summary>Settings back in the request's shape (what the API shows and a merge patch applies to), and what may change once fans have answered.</summary>
public static class SurveySettingsShape
{
    public static SurveySettingsRequest Describe(SurveySettings survey) => new()
    {
        Pages = survey.Pages.Select(p => (SurveyPageRequest?)new SurveyPageRequest
        {
            Id = p.Id,
            Title = p.Title,
            Questions = p.Questions.Select(q => (SurveyQuestionRequest?)Describe(q)).ToList(),
            Jumps = p.Jumps.Count == 0 ? null : p.Jumps.Select(j => (SurveyJumpRequest?)new SurveyJumpRequest { If = Describe(j.If), To = j.To }).ToList(),
        }).ToList(),
        HiddenFields = survey.HiddenFields.Count == 0 ? null : survey.HiddenFields.Select(h => (string?)h).ToList(),
        Quotas = survey.Quotas.Count == 0 ? null : survey.Quotas.Select(q => (SurveyQuotaRequest?)new SurveyQuotaRequest
        {
            Id = q.Id, Limit = q.Limit, When = q.When is null ? null : Describe(q.When), WhenFull = q.WhenFull == Quotas.QuotaFull.End ? "end" : "continue",
        }).ToList(),
        ResponseLimit = survey.ResponseLimit,
        ResponsesPerDevice = survey.ResponsesPerDevice,
        HideResultsUntilClosed = survey.HideResultsUntilClosed,
    };

    private static SurveyQuestionRequest Describe(SurveyQuestion q) => new()
    {
        Id = q.Id,
        Type = SurveySettingsValidator.TypeName(q.Type),
        Text = q.Text,
        Help = q.Help,
        Required = q.Required ? true : null,
        Options = q.Options.Count == 0 ? null : Describe(q.Options),
        AllowOther = q.AllowOther ? true : null,
        Rows = q.Rows.Count == 0 ? null : Describe(q.Rows),
        Columns = q.Columns.Count == 0 ? null : Describe(q.Columns),
        Min = q.Min,
        Max = q.Max,
        ShowIf = q.ShowIf is null ? null : Describe(q.ShowIf),
        Public = q.Public ? true : null,
    };

    private static List<SurveyChoiceRequest?> Describe(IReadOnlyList<SurveyChoice> choices) =>
        choices.Select(c => (SurveyChoiceRequest?)new SurveyChoiceRequest { Id = c.Id, Label = c.Label }).ToList();

    private static SurveyConditionRequest Describe(SurveyCondition condition) => new()
    {
        Question = condition.Question,
        Operator = SurveySettingsValidator.OperatorName(condition.Operator),
        Value = condition.Value,
    };

    /// <summary>
    /// Once fans have answered, the counts must keep meaning what they meant: a question keeps its id and type, and its
    /// options, rows and columns stay (they may be relabelled, and new ones added); questions may be added, not removed.
    /// </summary>
    public static void CheckLiveChange(SurveySettings before, SurveySettings after, FieldErrors refusals)
    {
        if (before.ResponsesPerDevice != after.ResponsesPerDevice)
        {
            refusals.Add("responsesPerDevice", "Cannot change once fans have taken part: earlier fans had the old allowance.");
        }
        foreach (var old in before.Questions)
        {
            if (after.FindQuestion(old.Id) is not { } now)
            {
                refusals.Add("pages", $"The question '{old.Id}' has answers and cannot be removed.");
                continue;
            }
            if (now.Type != old.Type) refusals.Add("pages", $"The question '{old.Id}' has answers: its type cannot change.");
            Kept(old.Id, "options", old.Options, now.Options, refusals);
            Kept(old.Id, "rows", old.Rows, now.Rows, refusals);
            Kept(old.Id, "columns", old.Columns, now.Columns, refusals);
            if (now.Type is QuestionType.Rating && now.Max != old.Max) refusals.Add("pages", $"The question '{old.Id}' has answers: its scale cannot change.");
        }
    }

    private static void Kept(string question, string what, IReadOnlyList<SurveyChoice> before, IReadOnlyList<SurveyChoice> after, FieldErrors refusals)
    {
        var missing = before.Select(c => c.Id).Except(after.Select(c => c.Id), StringComparer.Ordinal).ToList();
        if (missing.Count > 0) refusals.Add("pages", $"The question '{question}' has answers: its {what} {string.Join(", ", missing)} cannot be removed.");
    }
}
