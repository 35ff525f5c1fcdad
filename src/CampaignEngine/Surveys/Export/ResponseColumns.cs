using System.Globalization;

namespace CampaignEngine.Surveys.Export;

/// <summary>One column of the export: its header, how a response fills it, and whether it holds a number.</summary>
public sealed record ResponseColumn(string Header, Func<StoredResponse, string> Value, bool IsNumber = false);

/// <summary>
/// The export's columns: the response's receipt, time and review status, then one column per question (a matrix one per
/// row, a ranking one per option holding its place, a choice with "other" one more for the text), then the hidden fields.
/// Options are given by id, several in one cell joined by "; ". Columns follow the survey as it is now, so an export
/// after an edit still has every question answered before it (questions are never removed once answered).
/// </summary>
public static class ResponseColumns
{
    public static IReadOnlyList<ResponseColumn> For(SurveySettings survey)
    {
        var columns = new List<ResponseColumn>
        {
            new("response", r => r.Receipt),
            new("submitted_at", r => r.AcceptedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("status", r => r.Status),
        };
        foreach (var q in survey.Questions)
        {
            var id = q.Id;
            switch (q.Type)
            {
                case QuestionType.Multiple:
                    columns.Add(new(id, r => r.Data.Choices?.GetValueOrDefault(id) is { } picks ? string.Join("; ", picks) : ""));
                    break;
                case QuestionType.Rating or QuestionType.Nps:
                    columns.Add(new(id, r => r.Data.Scale?.TryGetValue(id, out var v) == true ? v.ToString(CultureInfo.InvariantCulture) : "", IsNumber: true));
                    break;
                case QuestionType.Number:
                    columns.Add(new(id, r => r.Data.Number?.TryGetValue(id, out var n) == true ? n.ToString(CultureInfo.InvariantCulture) : "", IsNumber: true));
                    break;
                case QuestionType.Matrix:
                    foreach (var row in q.Rows)
                    {
                        var rowId = row.Id;
                        columns.Add(new($"{id}.{rowId}", r => r.Data.Matrix?.GetValueOrDefault(id)?.GetValueOrDefault(rowId) ?? ""));
                    }
                    break;
                case QuestionType.Ranking:
                    foreach (var option in q.Options)
                    {
                        var optionId = option.Id;
                        columns.Add(new($"{id}.{optionId}", r => r.Data.Ranking?.GetValueOrDefault(id) is { } ranked && ranked.IndexOf(optionId) is var place and >= 0
                            ? (place + 1).ToString(CultureInfo.InvariantCulture) : "", IsNumber: true));
                    }
                    break;
                case QuestionType.Single or QuestionType.Dropdown or QuestionType.Consent:
                    columns.Add(new(id, r => r.Data.Choice?.GetValueOrDefault(id) ?? ""));
                    break;
                default:
                    columns.Add(new(id, r => r.Data.Text?.GetValueOrDefault(id) ?? ""));
                    break;
            }
            if (q.AllowOther) columns.Add(new(id + ".other", r => r.Data.Other?.GetValueOrDefault(id) ?? ""));
        }
        columns.AddRange(survey.HiddenFields.Select(name => new ResponseColumn("hidden." + name, r => r.Data.Hidden?.GetValueOrDefault(name) ?? "")));
        return columns;
    }
}
