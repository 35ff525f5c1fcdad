using System.Globalization;
using CampaignEngine.Kinds;

namespace CampaignEngine.Surveys;

/// <summary>
/// Checks a survey section and turns it into settings; errors are named relative to the section. The logic is checked
/// here, once, so fans never meet a broken survey: a condition may only test a question fans have met before (an earlier
/// page for <c>showIf</c>, this page or an earlier one for a jump) and a jump only goes forward, so there is no cycle.
/// </summary>
public static class SurveySettingsValidator
{
    public const int MaxPages = 20;
    public const int MaxQuestionsPerPage = 50;
    public const int MaxQuestions = 100;
    public const int MaxJumps = 10;
    public const int MaxText = 500;
    public const int MaxLabel = 200;
    public const int MaxOptions = 50;
    public const int MaxRankingOptions = 20;
    public const int MaxMatrixRows = 30;
    public const int MaxMatrixColumns = 11;
    public const int MaxResponsesPerDevice = 100;
    public const int MaxHiddenFields = 20;
    public const int MaxQuotas = 20;
    public const long MaxLimit = 100_000_000;
    public const int MaxHiddenValue = 200;
    public const int DefaultShortText = 200;
    public const int DefaultLongText = 2000;
    public const int MaxShortText = 500;
    public const int MaxLongText = 5000;

    private static readonly Dictionary<string, QuestionType> Types = new(StringComparer.Ordinal)
    {
        ["single"] = QuestionType.Single, ["multiple"] = QuestionType.Multiple, ["dropdown"] = QuestionType.Dropdown,
        ["rating"] = QuestionType.Rating, ["nps"] = QuestionType.Nps, ["matrix"] = QuestionType.Matrix, ["ranking"] = QuestionType.Ranking,
        ["shortText"] = QuestionType.ShortText, ["longText"] = QuestionType.LongText, ["number"] = QuestionType.Number,
        ["email"] = QuestionType.Email, ["date"] = QuestionType.Date, ["consent"] = QuestionType.Consent,
    };

    private static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.Ordinal)
    {
        ["equals"] = ConditionOperator.Equals, ["notEquals"] = ConditionOperator.NotEquals, ["contains"] = ConditionOperator.Contains,
        ["greaterThan"] = ConditionOperator.GreaterThan, ["lessThan"] = ConditionOperator.LessThan, ["answered"] = ConditionOperator.Answered,
    };

    public static string TypeName(QuestionType type) => Types.First(t => t.Value == type).Key;

    public static string OperatorName(ConditionOperator op) => Operators.First(o => o.Value == op).Key;

    public static bool IsChoice(QuestionType type) => type is QuestionType.Single or QuestionType.Multiple or QuestionType.Dropdown or QuestionType.Ranking;

    public static bool IsNumeric(QuestionType type) => type is QuestionType.Rating or QuestionType.Nps or QuestionType.Number;

    public static bool IsWritten(QuestionType type) => type is QuestionType.ShortText or QuestionType.LongText or QuestionType.Email or QuestionType.Date;

    public static SurveySettings? Validate(SurveySettingsRequest request, FieldErrors errors)
    {
        var before = errors.Count;
        if (request.Pages is not { Count: > 0 and <= MaxPages } pageRequests)
        {
            errors.Add("pages", $"Give 1 to {MaxPages} pages.");
            return null;
        }
        var pages = new List<SurveyPage>();
        var questionIds = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        for (var p = 0; p < pageRequests.Count; p++)
        {
            var page = pageRequests[p];
            var at = $"pages[{p}]";
            if (page?.Questions is not { Count: > 0 and <= MaxQuestionsPerPage } questions)
            {
                errors.Add(at + ".questions", $"Give 1 to {MaxQuestionsPerPage} questions.");
                continue;
            }
            var built = new List<SurveyQuestion>();
            for (var q = 0; q < questions.Count; q++)
            {
                number++;
                if (Question(questions[q], $"{at}.questions[{q}]", number, errors) is not { } question) continue;
                if (!questionIds.Add(question.Id)) errors.Add($"{at}.questions[{q}].id", $"Another question has the id '{question.Id}'.");
                built.Add(question);
            }
            pages.Add(new SurveyPage(page.Id ?? $"p{p + 1}", Blank(page.Title), built, []));
        }
        if (number > MaxQuestions) errors.Add("pages", $"A survey has at most {MaxQuestions} questions; this one has {number}.");
        if (pages.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count() < pages.Count) errors.Add("pages", "Two pages have the same id.");
        if (errors.Count > before) return null;

        // Logic, once every question and page is known.
        for (var p = 0; p < pages.Count; p++)
        {
            var page = pages[p];
            for (var q = 0; q < page.Questions.Count; q++)
            {
                if (pageRequests[p]!.Questions![q]!.ShowIf is not { } showIf) continue;
                var condition = Condition(showIf, $"pages[{p}].questions[{q}].showIf", pages, p - 1, errors);
                if (condition is not null) pages[p] = pages[p] with { Questions = Replace(pages[p].Questions, q, pages[p].Questions[q] with { ShowIf = condition }) };
            }
            var jumps = new List<SurveyJump>();
            var jumpRequests = pageRequests[p]!.Jumps ?? [];
            for (var j = 0; j < jumpRequests.Count; j++)
            {
                var at = $"pages[{p}].jumps[{j}]";
                if (jumpRequests[j] is not { If: { } test, To: { } to })
                {
                    errors.Add(at, "Give the condition (if) and where to go (to).");
                    continue;
                }
                var condition = Condition(test, at + ".if", pages, p, errors);
                var target = to == SurveyJump.End ? int.MaxValue : pages.FindIndex(x => x.Id == to);
                if (target < 0) errors.Add(at + ".to", $"No page has the id '{to}'. Use a page's id or \"end\".");
                else if (target <= p) errors.Add(at + ".to", "A jump goes forward only, to a later page or to \"end\".");
                else if (condition is not null) jumps.Add(new SurveyJump(condition, to));
            }
            pages[p] = pages[p] with { Jumps = jumps };
        }
        var hidden = HiddenFields(request.HiddenFields, errors);
        var quotas = Quotas(request.Quotas, pages, hidden, errors);
        if (errors.Count > before) return null;
        return new SurveySettings
        {
            Pages = pages,
            HiddenFields = hidden,
            Quotas = quotas,
            ResponseLimit = request.ResponseLimit,
            ResponsesPerDevice = request.ResponsesPerDevice ?? 1,
            HideResultsUntilClosed = request.HideResultsUntilClosed ?? false,
        };
    }

    private static List<Quotas.SurveyQuota> Quotas(List<SurveyQuotaRequest?>? requests, List<SurveyPage> pages, List<string> hidden, FieldErrors errors)
    {
        var quotas = new List<Quotas.SurveyQuota>();
        for (var i = 0; i < (requests?.Count ?? 0); i++)
        {
            var at = $"quotas[{i}]";
            if (requests![i] is not { Id: { } id, Limit: { } limit, When: { } when } quota)
            {
                errors.Add(at, "Give the quota's id, limit and when.");
                continue;
            }
            SurveyCondition? condition;
            if (when.Question?.StartsWith(Surveys.Quotas.QuotaRules.HiddenPrefix, StringComparison.Ordinal) == true)
            {
                var name = when.Question[Surveys.Quotas.QuotaRules.HiddenPrefix.Length..];
                condition = null;
                if (!hidden.Contains(name)) errors.Add(at + ".when.question", $"The survey has no hidden field '{name}'; declare it in hiddenFields.");
                else if (when.Operator is not ("equals" or "notEquals" or "contains" or "answered")) errors.Add(at + ".when.operator", "A hidden field is tested with equals, notEquals, contains or answered.");
                else if (when.Operator != "answered" && string.IsNullOrEmpty(when.Value)) errors.Add(at + ".when.value", "Give the value to compare with.");
                else condition = new SurveyCondition(when.Question, Operators[when.Operator], when.Operator == "answered" ? null : when.Value);
            }
            else
            {
                condition = Condition(when, at + ".when", pages, pages.Count - 1, errors);
            }
            if (condition is null) continue;
            var whenFull = quota.WhenFull switch { null or "end" => Surveys.Quotas.QuotaFull.End, _ => Surveys.Quotas.QuotaFull.Continue };
            quotas.Add(new Quotas.SurveyQuota(id, limit, condition, whenFull));
        }
        if (quotas.Select(q => q.Id).Distinct(StringComparer.Ordinal).Count() < quotas.Count) errors.Add("quotas", "Two quotas have the same id.");
        return quotas;
    }

    private static List<string> HiddenFields(List<string?>? names, FieldErrors errors)
    {
        if (names is null) return [];
        for (var i = 0; i < names.Count; i++)
        {
            if (!ItemIds.IsValid(names[i])) errors.Add($"hiddenFields[{i}]", ItemIds.Rule);
        }
        var valid = names.OfType<string>().ToList();
        if (valid.Distinct(StringComparer.Ordinal).Count() < valid.Count) errors.Add("hiddenFields", "Two hidden fields have the same name.");
        return valid;
    }

    private static List<SurveyQuestion> Replace(IReadOnlyList<SurveyQuestion> questions, int index, SurveyQuestion question)
    {
        var list = questions.ToList();
        list[index] = question;
        return list;
    }

    private static SurveyQuestion? Question(SurveyQuestionRequest? request, string at, int number, FieldErrors errors)
    {
        if (request is null)
        {
            errors.Add(at, "Give the question.");
            return null;
        }
        var before = errors.Count;
        if (request.Type is null || !Types.TryGetValue(request.Type, out var type))
        {
            errors.Add(at + ".type", $"Use one of: {string.Join(", ", Types.Keys)}.");
            return null;
        }
        if (string.IsNullOrWhiteSpace(request.Text)) errors.Add(at + ".text", "Give the question's text.");
        var id = request.Id ?? $"q{number}";
        var allowOther = request.AllowOther ?? false;
        var options = IsChoice(type) ? Choices(request.Options, at + ".options", "o", 2, type == QuestionType.Ranking ? MaxRankingOptions : MaxOptions, errors) : [];
        if (!IsChoice(type) && request.Options is { Count: > 0 }) errors.Add(at + ".options", "Only single, multiple, dropdown and ranking questions have options.");
        if (allowOther && type is not (QuestionType.Single or QuestionType.Multiple or QuestionType.Dropdown))
        {
            errors.Add(at + ".allowOther", "Only single, multiple and dropdown questions take an \"other\" answer.");
        }
        if (allowOther && options.Any(o => o.Id == SurveyQuestion.OtherOption)) errors.Add(at + ".options", "With allowOther, no option may have the id \"other\": it is the other answer's.");
        IReadOnlyList<SurveyChoice> rows = [], columns = [];
        if (type == QuestionType.Matrix)
        {
            rows = Choices(request.Rows, at + ".rows", "r", 1, MaxMatrixRows, errors);
            columns = Choices(request.Columns, at + ".columns", "c", 2, MaxMatrixColumns, errors);
        }
        else if (request.Rows is { Count: > 0 } || request.Columns is { Count: > 0 })
        {
            errors.Add(at + ".rows", "Only matrix questions have rows and columns.");
        }
        CheckRange(type, request.Min, request.Max, options.Count + (allowOther ? 1 : 0), at, errors);
        var isPublic = request.Public ?? false;
        if (isPublic && IsWritten(type)) errors.Add(at + ".public", "Written answers (text, email, date) are never shown on the public results page.");
        if (errors.Count > before) return null;
        return new SurveyQuestion
        {
            Id = id,
            Type = type,
            Text = request.Text!.Trim(),
            Help = Blank(request.Help),
            Required = request.Required ?? false,
            Options = options,
            AllowOther = allowOther,
            Rows = rows,
            Columns = columns,
            Min = request.Min,
            Max = request.Max,
            Public = isPublic,
        };
    }

    private static void CheckRange(QuestionType type, decimal? min, decimal? max, int choices, string at, FieldErrors errors)
    {
        switch (type)
        {
            case QuestionType.Multiple:
                if (min is { } a && (a != decimal.Truncate(a) || a < 1 || a > choices)) errors.Add(at + ".min", $"A whole number from 1 to the {choices} choices.");
                if (max is { } b && (b != decimal.Truncate(b) || b < (min ?? 1) || b > choices)) errors.Add(at + ".max", $"A whole number from min to the {choices} choices.");
                return;
            case QuestionType.Rating:
                if (min is not null) errors.Add(at + ".min", "A rating always starts at 1; set its top with max.");
                if (max is { } top && (top != decimal.Truncate(top) || top < 3 || top > 10)) errors.Add(at + ".max", "A whole number from 3 to 10.");
                return;
            case QuestionType.ShortText or QuestionType.LongText:
                var limit = type == QuestionType.ShortText ? MaxShortText : MaxLongText;
                if (min is not null) errors.Add(at + ".min", "Text questions take a max length only.");
                if (max is { } length && (length != decimal.Truncate(length) || length < 1 || length > limit)) errors.Add(at + ".max", $"A whole number from 1 to {limit}.");
                return;
            case QuestionType.Number:
                if (min is { } low && low * 100 != decimal.Truncate(low * 100)) errors.Add(at + ".min", "At most two decimals.");
                if (max is { } high && high * 100 != decimal.Truncate(high * 100)) errors.Add(at + ".max", "At most two decimals.");
                if (min > max) errors.Add(at + ".min", "Cannot be more than max.");
                return;
            default:
                if (min is not null || max is not null) errors.Add(at + ".min", "This type of question takes no min or max.");
                return;
        }
    }

    private static List<SurveyChoice> Choices(List<SurveyChoiceRequest?>? requests, string at, string stem, int least, int most, FieldErrors errors)
    {
        if (requests is null || requests.Count < least || requests.Count > most)
        {
            errors.Add(at, $"Give {least} to {most}.");
            return [];
        }
        var choices = new List<SurveyChoice>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i] is not { Label: { } label } choice || string.IsNullOrWhiteSpace(label))
            {
                errors.Add($"{at}[{i}].label", "Give a label.");
                continue;
            }
            choices.Add(new SurveyChoice(choice.Id ?? $"{stem}{i + 1}", label.Trim()));
        }
        if (choices.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() < choices.Count) errors.Add(at, "Two have the same id.");
        if (choices.Select(c => c.Label).Distinct(StringComparer.OrdinalIgnoreCase).Count() < choices.Count) errors.Add(at, "Two have the same label.");
        return choices;
    }

    /// <summary>
    /// A condition on a question of pages 0 to <paramref name="lastPage"/>: the only answers a fan has given by then,
    /// which is what rules out forward references and cycles.
    /// </summary>
    private static SurveyCondition? Condition(SurveyConditionRequest request, string at, List<SurveyPage> pages, int lastPage, FieldErrors errors)
    {
        if (request.Operator is null || !Operators.TryGetValue(request.Operator, out var op))
        {
            errors.Add(at + ".operator", $"Use one of: {string.Join(", ", Operators.Keys)}.");
            return null;
        }
        var found = pages.SelectMany((p, i) => p.Questions.Select(q => (Page: i, Question: q))).FirstOrDefault(x => x.Question.Id == request.Question);
        if (found.Question is null)
        {
            errors.Add(at + ".question", $"No question has the id '{request.Question}'.");
            return null;
        }
        if (found.Page > lastPage)
        {
            errors.Add(at + ".question", lastPage < 0
                ? "The first page's questions are always shown: a condition can only test an answer given on an earlier page."
                : $"'{request.Question}' is asked later: a condition can only test an answer given before it (showIf: an earlier page; a jump: this page or an earlier one).");
            return null;
        }
        var question = found.Question;
        var value = request.Value;
        (string Field, string Message)? problem = op switch
        {
            ConditionOperator.Answered => null,
            ConditionOperator.GreaterThan or ConditionOperator.LessThan when !IsNumeric(question.Type) =>
                ("operator", "greaterThan and lessThan compare rating, NPS and number answers."),
            ConditionOperator.Contains when question.Type is not (QuestionType.Multiple or QuestionType.ShortText or QuestionType.LongText) =>
                ("operator", "contains tests a multiple choice (an option id) or a text; use equals for other questions."),
            _ when question.Type == QuestionType.Matrix => ("operator", "A matrix's answers can only be tested with answered."),
            _ when string.IsNullOrEmpty(value) => ("value", "Give the value to compare with."),
            _ when IsChoice(question.Type) && question.FindOption(value) is null && !(question.AllowOther && value == SurveyQuestion.OtherOption) =>
                ("value", $"'{value}' is not an option of '{question.Id}'; use an option's id."),
            _ when IsNumeric(question.Type) && !IsNumber(value) => ("value", "Give a number as the value, for example \"8\"."),
            _ => null,
        };
        if (problem is { } refused)
        {
            errors.Add(at + "." + refused.Field, refused.Message);
            return null;
        }
        return new SurveyCondition(question.Id, op, op == ConditionOperator.Answered ? null : value);
    }

    private static bool IsNumber(string? value) => AnswerReader.InvariantNumber(value) is not null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
