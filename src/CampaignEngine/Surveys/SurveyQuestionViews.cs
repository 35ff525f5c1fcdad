using System.Globalization;
using CampaignEngine.Pages.Localization;

namespace CampaignEngine.Surveys;

/// <summary>Each question as its form markup needs it, with what the fan typed so far (from the posted fields) put back.</summary>
public static class SurveyQuestionViews
{
    public static string AnchorOf(string questionId) => "question-" + questionId;

    public static QuestionView Of(SurveyQuestion question, PageLocale locale, IReadOnlyDictionary<string, IReadOnlyList<string>> fields, string? error)
    {
        var name = SurveyRespond.FieldPrefix + question.Id;
        var view = new QuestionView(question.Id, AnchorOf(question.Id), name, KindOf(question.Type), question.Text, question.Help, question.Required, error);
        var picked = Values(fields, question.Id);
        switch (question.Type)
        {
            case QuestionType.Single or QuestionType.Multiple or QuestionType.Dropdown:
                var other = question.AllowOther && question.FindOption(SurveyQuestion.OtherOption) is null;
                return view with
                {
                    Multiple = question.Type == QuestionType.Multiple,
                    Choices = question.Options.Select((o, i) => new ChoiceView(o.Id, $"{question.Id}-{i + 1}", o.Label, picked.Contains(o.Id))).ToList(),
                    Other = other ? new ChoiceView(SurveyQuestion.OtherOption, $"{question.Id}-other", locale["survey_other_choice"], picked.Contains(SurveyQuestion.OtherOption)) : null,
                    OtherName = name + ".other",
                    OtherValue = First(fields, question.Id + ".other") ?? "",
                    Picked = picked.FirstOrDefault(),
                };
            case QuestionType.Rating or QuestionType.Nps:
                var (min, max) = AnswerReader.NumberRange(question);
                var chosen = First(fields, question.Id);
                return view with
                {
                    Choices = Enumerable.Range((int)min, (int)(max - min) + 1)
                        .Select(v => new ChoiceView(v.ToString(CultureInfo.InvariantCulture), $"{question.Id}-{v}", locale.Number(v), chosen == v.ToString(CultureInfo.InvariantCulture)))
                        .ToList(),
                    LowLabel = question.Type == QuestionType.Nps ? locale["survey_nps_low"] : locale["survey_rating_low"],
                    HighLabel = question.Type == QuestionType.Nps ? locale["survey_nps_high"] : locale["survey_rating_high"],
                };
            case QuestionType.Matrix:
                return view with
                {
                    Columns = question.Columns.Select(c => c.Label).ToList(),
                    Rows = question.Rows.Select((r, i) =>
                    {
                        var cell = First(fields, question.Id + "." + r.Id);
                        return new MatrixRowView(r.Label, name + "." + r.Id, $"{question.Id}-row-{i + 1}",
                            question.Columns.Select((c, j) => new ChoiceView(c.Id, $"{question.Id}-{i + 1}-{j + 1}", c.Label, cell == c.Id)).ToList());
                    }).ToList(),
                };
            case QuestionType.Ranking:
                var places = Enumerable.Range(1, question.Options.Count).ToList();
                return view with
                {
                    Ranks = question.Options.Select((o, i) =>
                    {
                        var rank = First(fields, question.Id + "." + o.Id);
                        return new RankView(o.Label, name + "." + o.Id, $"{question.Id}-{i + 1}",
                            places.Select(p => new ChoiceView(p.ToString(CultureInfo.InvariantCulture), "", locale.Number(p), rank == p.ToString(CultureInfo.InvariantCulture))).ToList());
                    }).ToList(),
                };
            case QuestionType.Number:
                return view with
                {
                    Value = First(fields, question.Id) ?? "",
                    Min = question.Min?.ToString(CultureInfo.InvariantCulture),
                    Max = question.Max?.ToString(CultureInfo.InvariantCulture),
                    Step = "any",
                };
            case QuestionType.ShortText or QuestionType.LongText or QuestionType.Email or QuestionType.Date:
                return view with { Value = First(fields, question.Id) ?? "", MaxLength = question.Type is QuestionType.Email ? 254 : question.Type is QuestionType.Date ? null : AnswerReader.TextLimit(question) };
            case QuestionType.Consent:
                return view with { Choices = [new ChoiceView("yes", question.Id + "-yes", question.Text, picked.Contains("yes"))] };
            default:
                return view;
        }
    }

    private static string KindOf(QuestionType type) => type switch
    {
        QuestionType.Single or QuestionType.Multiple => "choice",
        QuestionType.Dropdown => "dropdown",
        QuestionType.Rating or QuestionType.Nps => "scale",
        QuestionType.Matrix => "matrix",
        QuestionType.Ranking => "ranking",
        QuestionType.LongText => "textarea",
        QuestionType.Number => "number",
        QuestionType.Email => "email",
        QuestionType.Date => "date",
        QuestionType.Consent => "consent",
        _ => "text",
    };

    private static IReadOnlyList<string> Values(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, string key) =>
        fields.TryGetValue(key, out var values) ? values : [];

    private static string? First(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, string key) => Values(fields, key).FirstOrDefault();
}
