using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignEngine.Surveys;

/// <summary>
/// A checked response as it travels on the queue and is kept on its row: the answers grouped by how they are counted, so
/// the projection needs no settings to count them (and counts the same after the survey is edited).
/// </summary>
public sealed record SurveyResponseData
{
    /// <summary>One choice: single choice, dropdown, consent.</summary>
    [JsonPropertyName("c")] public Dictionary<string, string>? Choice { get; init; }

    /// <summary>Several choices: a multiple choice.</summary>
    [JsonPropertyName("m")] public Dictionary<string, List<string>>? Choices { get; init; }

    /// <summary>A point on a scale, counted per value: rating and NPS.</summary>
    [JsonPropertyName("d")] public Dictionary<string, int>? Scale { get; init; }

    /// <summary>A number, summed: number questions.</summary>
    [JsonPropertyName("n")] public Dictionary<string, decimal>? Number { get; init; }

    /// <summary>Row → column: a matrix.</summary>
    [JsonPropertyName("x")] public Dictionary<string, Dictionary<string, string>>? Matrix { get; init; }

    /// <summary>Options best first: a ranking.</summary>
    [JsonPropertyName("r")] public Dictionary<string, List<string>>? Ranking { get; init; }

    /// <summary>Written answers, kept and listed, not counted per value: texts, emails, dates.</summary>
    [JsonPropertyName("t")] public Dictionary<string, string>? Text { get; init; }

    /// <summary>What fans wrote for "other".</summary>
    [JsonPropertyName("o")] public Dictionary<string, string>? Other { get; init; }

    /// <summary>Seconds from the fan's first Next to this response; none for a response sent whole (JSON, or a one-page form).</summary>
    [JsonPropertyName("s")] public int? Seconds { get; init; }

    /// <summary>Taken past a full quota that lets responses through: kept and exported, counted nowhere.</summary>
    [JsonPropertyName("q")] public bool? OverQuota { get; init; }

    /// <summary>The hidden fields' values the fan's link carried.</summary>
    [JsonPropertyName("h")] public Dictionary<string, string>? Hidden { get; init; }

    public static SurveyResponseData Of(SurveySettings survey, IReadOnlyDictionary<string, SurveyAnswer> answers, IReadOnlyDictionary<string, string>? hidden = null,
        int? seconds = null)
    {
        Dictionary<string, string>? choice = null, text = null, other = null;
        Dictionary<string, List<string>>? choices = null, ranking = null;
        Dictionary<string, int>? scale = null;
        Dictionary<string, decimal>? number = null;
        Dictionary<string, Dictionary<string, string>>? matrix = null;
        foreach (var question in survey.Questions)
        {
            if (!answers.TryGetValue(question.Id, out var answer)) continue;
            switch (question.Type)
            {
                case QuestionType.Single or QuestionType.Dropdown or QuestionType.Consent:
                    (choice ??= [])[question.Id] = answer.Choice!;
                    break;
                case QuestionType.Multiple:
                    (choices ??= [])[question.Id] = [.. answer.Choices!];
                    break;
                case QuestionType.Rating or QuestionType.Nps:
                    (scale ??= [])[question.Id] = (int)answer.Number!.Value;
                    break;
                case QuestionType.Number:
                    (number ??= [])[question.Id] = answer.Number!.Value;
                    break;
                case QuestionType.Matrix:
                    (matrix ??= [])[question.Id] = new Dictionary<string, string>(answer.Matrix!);
                    break;
                case QuestionType.Ranking:
                    (ranking ??= [])[question.Id] = [.. answer.Choices!];
                    break;
                default:
                    (text ??= [])[question.Id] = answer.Choice!;
                    break;
            }
            if (answer.Other is { } written) (other ??= [])[question.Id] = written;
        }
        return new SurveyResponseData
        {
            Choice = choice, Choices = choices, Scale = scale, Number = number, Matrix = matrix, Ranking = ranking, Text = text, Other = other,
            Hidden = hidden is { Count: > 0 } ? new Dictionary<string, string>(hidden) : null,
            Seconds = seconds,
        };
    }

    /// <summary>Every question answered, once each.</summary>
    [JsonIgnore]
    public IEnumerable<string> Answered =>
        Keys(Choice).Concat(Keys(Choices)).Concat(Keys(Scale)).Concat(Keys(Number)).Concat(Keys(Matrix)).Concat(Keys(Ranking)).Concat(Keys(Text));

    private static IEnumerable<string> Keys<T>(Dictionary<string, T>? group) => group?.Keys ?? Enumerable.Empty<string>();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Write() => JsonSerializer.Serialize(this, Json);

    public static SurveyResponseData Read(string data) =>
        JsonSerializer.Deserialize<SurveyResponseData>(data, Json) ?? throw new JsonException("A survey response's data is null.");
}
