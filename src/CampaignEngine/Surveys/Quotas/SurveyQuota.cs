namespace CampaignEngine.Surveys.Quotas;

/// <summary>
/// At most <paramref name="Limit"/> counted responses that meet <paramref name="When"/> (all responses when null: the
/// survey's response limit). <paramref name="WhenFull"/>: refuse the response with a message, or take it without counting it.
/// A condition's question is a question id, or <c>hidden.{name}</c> for a hidden field.
/// </summary>
public sealed record SurveyQuota(string Id, long Limit, SurveyCondition? When, QuotaFull WhenFull);

public enum QuotaFull { End, Continue }

public static class QuotaRules
{
    public const string HiddenPrefix = "hidden.";

    /// <summary>The quota id the survey's response limit is kept under.</summary>
    public const string ResponseLimitId = "~responses";

    /// <summary>Whether the response meets the quota's condition; the response as queued, so any page's answer counts.</summary>
    public static bool Matches(SurveyQuota quota, SurveySettings survey, SurveyResponseData response)
    {
        if (quota.When is not { } when) return true;
        var answers = new Dictionary<string, SurveyAnswer>(StringComparer.Ordinal);
        if (when.Question.StartsWith(HiddenPrefix, StringComparison.Ordinal))
        {
            if (response.Hidden?.GetValueOrDefault(when.Question[HiddenPrefix.Length..]) is { } value) answers[when.Question] = new SurveyAnswer(Choice: value);
        }
        else if (survey.FindQuestion(when.Question) is { } question && AnswerOf(question, response) is { } answer)
        {
            answers[when.Question] = answer;
        }
        return SurveyFlow.Holds(when, answers);
    }

    private static SurveyAnswer? AnswerOf(SurveyQuestion question, SurveyResponseData response)
    {
        var id = question.Id;
        if (response.Choice?.GetValueOrDefault(id) is { } choice) return new SurveyAnswer(Choice: choice);
        if (response.Text?.GetValueOrDefault(id) is { } text) return new SurveyAnswer(Choice: text);
        if (response.Choices?.GetValueOrDefault(id) is { } picks) return new SurveyAnswer(Choices: picks);
        if (response.Scale?.TryGetValue(id, out var point) == true) return new SurveyAnswer(Number: point);
        if (response.Number?.TryGetValue(id, out var number) == true) return new SurveyAnswer(Number: number);
        return response.Matrix?.ContainsKey(id) == true || response.Ranking?.ContainsKey(id) == true ? new SurveyAnswer() : null;
    }
}
