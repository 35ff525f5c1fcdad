using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contests.Jury;
using CampaignEngine.Kinds;
using CampaignEngine.Hosting;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>The contest kind: fans send entries, moderators approve them, the public votes on the approved ones.</summary>
public sealed class ContestKind(ContestPages pages, ContestEnter enter, ContestVote vote, ContestFlag flag, StorageClients storage) : ICampaignKind
{
    private static readonly KindStrings OwnStrings = KindStrings.Embedded<ContestKind>();

    public string Name => "contest";
    public string Summary => "Fans send entries (a title, a caption and a photo), moderators approve them, and the public votes on the approved ones and flags what should not be there.";
    public Type SettingsRequestType => typeof(ContestSettingsRequest);
    public IReadOnlyList<string> TopLevelFields { get; } = [];
    public IReadOnlyList<ISubmissionAction> Actions { get; } = [enter, vote, flag];
    public IKindPages Pages => pages;
    public KindStrings Strings => OwnStrings;

    public KindSettings? ReadSettings(JsonElement section, FieldErrors errors)
    {
        if (KindSettingsJson.Read<ContestSettingsRequest>(section, errors) is not { } request) return null;
        var settings = ContestSettingsValidator.Validate(request, errors);
        // Refused when the contest is set up, not when the first fan's photo cannot be stored.
        if (settings is { EntryType: not EntryType.Text } && !storage.HasBlobs)
        {
            errors.Add("entryType", "Photo entries need blob storage, and this engine has none: its storage connection string names no BlobEndpoint. " +
                                    "Use \"text\", or give the engine blob storage.");
            return null;
        }
        return settings;
    }

    public JsonObject Describe(KindSettings settings) =>
        JsonSerializer.SerializeToNode(ContestSettingsValidator.Describe((ContestSettings)settings), EngineJson.Options)!.AsObject();

    public KindSettings ReadStored(string json) => JsonSerializer.Deserialize<ContestSettings>(json, EngineJson.Options)!;

    public string WriteStored(KindSettings settings) => JsonSerializer.Serialize((ContestSettings)settings, EngineJson.Options);

    public void CheckLiveChange(KindSettings before, KindSettings after, FieldErrors refusals) =>
        ContestSettingsValidator.CheckLiveChange((ContestSettings)before, (ContestSettings)after, refusals);

    public bool HasImageSlot(KindSettings settings, string slot) => false;

    public KindResults Summarize(Campaign campaign, CounterTotals counters) =>
        new ContestResults(campaign.Slug, counters[ContestEnter.EntriesCounter], counters[ContestVote.VotesCounter], counters[ContestFlag.FlagsCounter],
            counters.UpdatedAt);

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        app.MapSubmission(this, enter)
            .WithSummary("Send an entry to a contest (form post, multipart with its photo, or JSON with the photo as base64)")
            // A 10 MB photo as base64 in JSON, with room for the rest; the photo's own limit gives the clear message.
            .WithMetadata(new BodyLimit(EntryPhotos.Upload.MaxBytes * 4 / 3 + 1024 * 1024))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        app.MapSubmission(this, vote).WithSummary("Vote for an entry of a contest (form post or JSON)");
        app.MapSubmission(this, flag).WithSummary("Flag an entry of a contest for the moderators (form post or JSON)");
        app.MapContestPages();
        app.MapEntryPhotos();
        app.MapModerationApi();
        app.MapJuryApi();
    }
}

public static class ContestServiceCollectionExtensions
{
    public static IServiceCollection AddContests(this IServiceCollection services)
    {
        services.AddOptions<ContestOptions>().BindConfiguration(ContestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<EntryStore>()
            .AddSingleton<BoardSnapshots>()
            .AddSingleton<ContestBoards>()
            .AddSingleton<ContestEnter>()
            .AddSingleton<ContestVote>()
            .AddSingleton<ContestFlag>()
            .AddSingleton<ContestWinners>()
            .AddSingleton<JurorStore>()
            .AddSingleton<JuryScoreStore>()
            .AddSingleton<ContestJury>()
            .AddSingleton<ContestPages>()
            .AddSingleton<ContestViews>()
            .AddHostedService(s => s.GetRequiredService<ContestViews>())
            .AddSingleton<IQueueFunction, EntryImageFunction>()
            .AddCampaignKind<ContestKind>();
    }
}
