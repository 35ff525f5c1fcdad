using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Submissions;

namespace CampaignEngine.Polls;

/// <summary>The poll kind: fixed options, one (or several) picked per vote, results as counts and percentages.</summary>
public sealed class PollKind(PollPages pages) : ICampaignKind
{
    private static readonly PollVote Vote = new();
    private static readonly KindStrings OwnStrings = KindStrings.Embedded<PollKind>();

    public static string VoteCode => Vote.Code;

    public static string VoteRoute => Vote.Route;

    public string Name => "poll";
    public string Summary => "A question with 2 to 50 options; fans pick one (or several) and see the results.";
    public Type SettingsRequestType => typeof(PollSettingsRequest);

    /// <summary>Polls came before kinds had sections: their options and rules are accepted and shown at the top level too.</summary>
    public IReadOnlyList<string> TopLevelFields { get; } = ["options", "rules"];
    public IReadOnlyList<ISubmissionAction> Actions { get; } = [Vote];
    public IKindPages Pages => pages;

    /// <summary><c>Polls/Strings/{locale}.json</c>: the ballot's and results' words, and "voting" where the core says "taking part".</summary>
    public KindStrings Strings => OwnStrings;

    public KindSettings? ReadSettings(JsonElement section, FieldErrors errors)
    {
        if (KindSettingsJson.Read<PollSettingsRequest>(section, errors) is not { } request) return null;
        return PollSettingsValidator.Validate(request, errors);
    }

    public JsonObject Describe(KindSettings settings)
    {
        var poll = (PollSettings)settings;
        return JsonSerializer.SerializeToNode(new PollSettingsRequest
        {
            Options = poll.Options.Select(o => (OptionRequest?)new OptionRequest { Id = o.Id, Label = o.Label }).ToList(),
            Rules = new RulesRequest { VotesPerVoter = poll.Rules.VotesPerVoter, Period = poll.Rules.Period == VotingPeriod.Day ? "day" : "campaign" },
            MinChoices = poll.MinChoices,
            MaxChoices = poll.MaxChoices,
            HideResultsUntilClosed = poll.HideResultsUntilClosed,
        }, EngineJson.Options)!.AsObject();
    }

    public KindSettings ReadStored(string json) => JsonSerializer.Deserialize<PollSettings>(json, EngineJson.Options)!;

    public string WriteStored(KindSettings settings) => JsonSerializer.Serialize((PollSettings)settings, EngineJson.Options);

    public void CheckLiveChange(KindSettings before, KindSettings after, FieldErrors refusals) =>
        PollSettingsValidator.CheckLiveChange((PollSettings)before, (PollSettings)after, refusals);

    public bool HasImageSlot(KindSettings settings, string slot) =>
        slot.StartsWith(OptionImagePrefix, StringComparison.Ordinal) && ((PollSettings)settings).FindOption(slot[OptionImagePrefix.Length..]) is not null;

    /// <summary>The image slot of an option: <c>options/{id}</c>.</summary>
    public const string OptionImagePrefix = "options/";

    public KindResults Summarize(Campaign campaign, CounterTotals counters) =>
        PollTally.Sum(campaign.Slug, campaign.SettingsAs<PollSettings>(), counters);

    public void MapRoutes(IEndpointRouteBuilder app) =>
        app.MapSubmission(this, Vote).WithSummary("Vote in a poll (form post or JSON)");
}

public static class PollServiceCollectionExtensions
{
    public static IServiceCollection AddPolls(this IServiceCollection services) =>
        services.AddSingleton<PollPages>().AddCampaignKind<PollKind>();
}
