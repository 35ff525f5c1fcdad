using System.Globalization;

namespace CampaignEngine.Surveys;

/// <summary>
/// Which pages and questions a fan meets, given their answers: the conditions, the path through the pages with their jumps,
/// and the checks of one page or of the whole response. Pure and deterministic, so the page that checks a step and the page
/// that shows the next one agree without keeping any state between requests.
/// </summary>
public static class SurveyFlow
{
    public static bool Holds(SurveyCondition condition, IReadOnlyDictionary<string, SurveyAnswer> answers)
    {
        // An unanswered question meets no condition, "not equal" included: it was not answered at all.
        if (!answers.TryGetValue(condition.Question, out var answer)) return false;
        return condition.Operator switch
        {
            ConditionOperator.Answered => true,
            ConditionOperator.Equals => IsEqual(answer, condition.Value),
            ConditionOperator.NotEquals => !IsEqual(answer, condition.Value),
            ConditionOperator.Contains => answer.Choices?.Contains(condition.Value ?? "") ?? answer.Choice?.Contains(condition.Value ?? "", StringComparison.OrdinalIgnoreCase) ?? false,
            ConditionOperator.GreaterThan => answer.Number is { } n && Number(condition.Value) is { } v && n > v,
            ConditionOperator.LessThan => answer.Number is { } m && Number(condition.Value) is { } w && m < w,
            _ => false,
        };
    }

    private static bool IsEqual(SurveyAnswer answer, string? value) =>
        answer.Number is { } n ? Number(value) == n
        : answer.Choices is { } picks ? picks.Count == 1 && picks[0] == value
        : string.Equals(answer.Choice, value, StringComparison.OrdinalIgnoreCase);

    private static decimal? Number(string? value) => AnswerReader.InvariantNumber(value);

    public static bool IsShown(SurveyQuestion question, IReadOnlyDictionary<string, SurveyAnswer> answers) =>
        question.ShowIf is null || Holds(question.ShowIf, answers);

    /// <summary>The page after page <paramref name="index"/>: its first jump that holds, else the next page; null at the end.</summary>
    public static int? NextPage(SurveySettings survey, int index, IReadOnlyDictionary<string, SurveyAnswer> answers)
    {
        foreach (var jump in survey.Pages[index].Jumps)
        {
            if (!Holds(jump.If, answers)) continue;
            if (jump.To == SurveyJump.End) return null;
            var target = IndexOf(survey, jump.To);
            if (target > index) return target;
        }
        return index + 1 < survey.Pages.Count ? index + 1 : null;
    }

    public static int IndexOf(SurveySettings survey, string? pageId)
    {
        for (var i = 0; i < survey.Pages.Count; i++)
        {
            if (survey.Pages[i].Id == pageId) return i;
        }
        return -1;
    }

    /// <summary>
    /// Reads the raw fields as the fan would meet the survey: page by page along the path, only the questions shown, each
    /// page's jumps judged on the answers kept so far, up to page <paramref name="until"/> (the end when null). Answers to
    /// questions the fan skipped, or on pages the path left out, are dropped.
    /// </summary>
    public static Walk Follow(SurveySettings survey, IReadOnlyDictionary<string, IReadOnlyList<string>> raw, int? until = null)
    {
        var answers = new Dictionary<string, SurveyAnswer>(StringComparer.Ordinal);
        var errors = new List<AnswerError>();
        var path = new List<int>();
        int? page = survey.Pages.Count == 0 ? null : 0;
        while (page is { } index)
        {
            path.Add(index);
            foreach (var question in survey.Pages[index].Questions)
            {
                if (!IsShown(question, answers)) continue;
                var (answer, error) = AnswerReader.Read(question, raw);
                if (error is not null) errors.Add(error);
                else if (answer is not null) answers[question.Id] = answer;
            }
            if (index == until) break;
            page = NextPage(survey, index, answers);
        }
        return new Walk(path, answers, errors);
    }

    /// <summary>The pages met in order, the answers kept, and what was refused on the way.</summary>
    public sealed record Walk(IReadOnlyList<int> Path, IReadOnlyDictionary<string, SurveyAnswer> Answers, IReadOnlyList<AnswerError> Errors)
    {
        public IEnumerable<AnswerError> ErrorsOn(SurveySettings survey, int page) =>
            Errors.Where(e => survey.Pages[page].Questions.Any(q => q.Id == e.Question));

        /// <summary>The first page of the path with a refused answer; null when none.</summary>
        public int? FirstPageWithErrors(SurveySettings survey) => Path.Cast<int?>().FirstOrDefault(p => ErrorsOn(survey, p!.Value).Any());
    }
}
