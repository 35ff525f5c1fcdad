using CampaignEngine.Api;
using CampaignEngine.Kinds;
using CampaignEngine.Surveys;

namespace CampaignEngine.UnitTests.Surveys;

/// <summary>Surveys from JSON sections, as the API reads them, for the survey unit tests.</summary>
internal static class Surveys
{
    public static readonly string Example = OpenApiExampleAttribute.For(typeof(SurveySettingsRequest))!.ToJsonString();

    public static (SurveySettings? Settings, Dictionary<string, string[]> Errors) Check(string section)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<SurveySettingsRequest>(section, EngineJson.Strict)!;
        var errors = new FieldErrors();
        var settings = SurveySettingsValidator.Validate(request, errors);
        return (settings, errors.ToDictionary());
    }

    public static SurveySettings Valid(string section)
    {
        var (settings, errors) = Check(section);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return settings!;
    }

    /// <summary>A one-page survey of the questions given as JSON objects.</summary>
    public static SurveySettings OnePage(params string[] questions) =>
        Valid($$"""{ "pages": [ { "questions": [ {{string.Join(",", questions)}} ] } ] }""");

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(params (string Key, string Value)[] fields) =>
        fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.Value).ToList());
}
