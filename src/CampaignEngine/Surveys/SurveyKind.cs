using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Submissions;
using CampaignEngine.Surveys.Export;

namespace CampaignEngine.Surveys;

/// <summary>The survey kind: pages of questions with logic, one response per fan, results per question.</summary>
public sealed class SurveyKind(SurveyPages pages, TimeProvider time, Quotas.QuotaStore quotas) : ICampaignKind
{
    private static readonly SurveyStart Start = new();
    private static readonly KindStrings OwnStrings = KindStrings.Embedded<SurveyKind>();

    /// <summary>The API shows a survey's settings without the fields left out, as they were sent.</summary>
    private static readonly JsonSerializerOptions Describing = new(EngineJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public const string RespondCode = "r";

    public const string RespondRoute = "responses";

    public string Name => "survey";
    public string Summary => "Pages of questions (choices, ratings, NPS, matrix, ranking, text, numbers, dates) with logic that shows questions and skips pages; results per question.";
    public Type SettingsRequestType => typeof(SurveySettingsRequest);
    public IReadOnlyList<string> TopLevelFields { get; } = [];
    public IReadOnlyList<ISubmissionAction> Actions { get; } = [new SurveyRespond(Start, time, quotas), Start];
    public IKindPages Pages => pages;
    public KindStrings Strings => OwnStrings;

    /// <summary>A survey has a counter per option, scale point and matrix cell: more than the main counter row holds.</summary>
    public bool SummarizesFurtherCounters => true;

    public KindSettings? ReadSettings(JsonElement section, FieldErrors errors) =>
        KindSettingsJson.Read<SurveySettingsRequest>(section, errors) is { } request ? SurveySettingsValidator.Validate(request, errors) : null;

    public JsonObject Describe(KindSettings settings) =>
        JsonSerializer.SerializeToNode(SurveySettingsShape.Describe((SurveySettings)settings), Describing)!.AsObject();

    public KindSettings ReadStored(string json) => JsonSerializer.Deserialize<SurveySettings>(json, EngineJson.Options)!;

    public string WriteStored(KindSettings settings) => JsonSerializer.Serialize((SurveySettings)settings, EngineJson.Options);

    public void CheckLiveChange(KindSettings before, KindSettings after, FieldErrors refusals) =>
        SurveySettingsShape.CheckLiveChange((SurveySettings)before, (SurveySettings)after, refusals);

    public bool HasImageSlot(KindSettings settings, string slot) => false;

    public KindResults Summarize(Campaign campaign, CounterTotals counters) =>
        SurveyTally.Sum(campaign.Slug, campaign.SettingsAs<SurveySettings>(), counters);

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        app.MapSubmission(this, Actions[0]).WithSummary("Answer a survey (JSON: the whole response; form: one page at a time, with Back and Next)");
        app.MapSurveyExports();
        app.MapWrittenAnswers();
    }
}

public static class SurveyServiceCollectionExtensions
{
    public static IServiceCollection AddSurveys(this IServiceCollection services) =>
        services.AddSingleton<SurveyPages>().AddSingleton<Export.StoredResponses>().AddSingleton<Quotas.QuotaStore>().AddCampaignKind<SurveyKind>();
}
