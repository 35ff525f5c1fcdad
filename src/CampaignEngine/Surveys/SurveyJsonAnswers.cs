using System.Globalization;
using System.Text.Json;
using CampaignEngine.Kinds;

namespace CampaignEngine.Surveys;

/// <summary>
/// Turns a JSON body's answers into the fields a form would have posted, so both are checked by the same rules. A value
/// of the wrong JSON kind for its question (a string for a rating, a number for a choice) is refused here, naming it.
/// </summary>
public static class SurveyJsonAnswers
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(SurveySettings survey, Dictionary<string, JsonElement>? answers, FieldErrors errors)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (answers is null)
        {
            errors.Add("answers", "Give the answers, by question id.");
            return fields;
        }
        foreach (var (key, value) in answers)
        {
            var at = "answers." + key;
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            var question = survey.FindQuestion(dot < 0 ? key : key[..dot]);
            if (question is null || (dot >= 0 && (key[(dot + 1)..] != "other" || !question.AllowOther)))
            {
                errors.Add(at, dot >= 0 ? "Only an \"other\" answer's text is sent under \"{id}.other\"." : "This survey has no such question.");
                continue;
            }
            if (value.ValueKind == JsonValueKind.Null) continue;
            if (dot >= 0)
            {
                if (value.ValueKind != JsonValueKind.String) errors.Add(at, "Send the other answer's text as a string.");
                else fields[key] = [value.GetString()!];
                continue;
            }
            var expected = Read(question, value, fields);
            if (expected is not null) errors.Add(at, expected);
        }
        return fields;
    }

    /// <summary>Adds the question's fields; the wording of what was expected when the value's kind does not fit.</summary>
    private static string? Read(SurveyQuestion question, JsonElement value, Dictionary<string, IReadOnlyList<string>> fields)
    {
        switch (question.Type)
        {
            case QuestionType.Rating or QuestionType.Nps or QuestionType.Number:
                if (value.ValueKind != JsonValueKind.Number) return "Send a number.";
                fields[question.Id] = [value.GetRawText()];
                return null;
            case QuestionType.Multiple:
                if (!IsStrings(value)) return "Send an array of option ids.";
                fields[question.Id] = value.EnumerateArray().Select(e => e.GetString()!).ToList();
                return null;
            case QuestionType.Ranking:
                if (!IsStrings(value)) return "Send the option ids as an array, best first.";
                var ranked = value.EnumerateArray().Select(e => e.GetString()!).ToList();
                if (ranked.Distinct(StringComparer.Ordinal).Count() < ranked.Count || ranked.Any(id => question.FindOption(id) is null))
                {
                    return "Send each option id once, best first.";
                }
                for (var i = 0; i < ranked.Count; i++) fields[question.Id + "." + ranked[i]] = [(i + 1).ToString(CultureInfo.InvariantCulture)];
                return null;
            case QuestionType.Matrix:
                if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                {
                    return "Send an object of row id → column id.";
                }
                foreach (var cell in value.EnumerateObject())
                {
                    if (!question.Rows.Any(r => r.Id == cell.Name)) return $"'{cell.Name}' is not a row of this question.";
                    fields[question.Id + "." + cell.Name] = [cell.Value.GetString()!];
                }
                return null;
            case QuestionType.Consent:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return "Send true or false.";
                if (value.ValueKind == JsonValueKind.True) fields[question.Id] = ["yes"];
                return null;
            default:
                if (value.ValueKind != JsonValueKind.String) return "Send a string.";
                fields[question.Id] = [value.GetString()!];
                return null;
        }
    }

    private static bool IsStrings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String);
}
