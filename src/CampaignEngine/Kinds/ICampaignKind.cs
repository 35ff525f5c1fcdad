using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Localization;

namespace CampaignEngine.Kinds;

/// <summary>
/// All the core knows of a campaign kind. A kind lives in its own folder and is registered with
/// one line (<c>services.AddPolls()</c>); the campaign store, lifecycle, submission path, results
/// cache and page shell reach it only through this contract, never by name.
/// </summary>
public interface ICampaignKind
{
    /// <summary>The value of <c>kind</c> in the API, and the name of the request's settings section.</summary>
    string Name { get; }

    /// <summary>One sentence for the API reference and for the error that lists the kinds.</summary>
    string Summary { get; }

    /// <summary>The shape of the settings section, for the OpenAPI document.</summary>
    Type SettingsRequestType { get; }

    /// <summary>Settings fields also accepted (and shown) at the top level of a campaign, for an older contract.</summary>
    IReadOnlyList<string> TopLevelFields { get; }

    /// <summary>What fans can do in a campaign of this kind (vote, enter, answer…).</summary>
    IReadOnlyList<ISubmissionAction> Actions { get; }

    IKindPages Pages { get; }

    /// <summary>
    /// The kind's own page strings (<c>KindStrings.Embedded&lt;TKind&gt;()</c> loads its <c>Strings/{locale}.json</c>): the
    /// keys only its pages use, and its wording for the core's (a poll thanks fans "for voting"). Campaigns of the
    /// kind may override these keys too. None by default: the pages then speak with the core's neutral wording.
    /// </summary>
    KindStrings Strings => KindStrings.None;

    /// <summary>Validates a settings section; field errors go to <paramref name="errors"/>, relative to the section.</summary>
    KindSettings? ReadSettings(JsonElement section, FieldErrors errors);

    /// <summary>The settings in the shape <see cref="ReadSettings"/> reads, so a merge patch can be applied to it.</summary>
    JsonObject Describe(KindSettings settings);

    KindSettings ReadStored(string json);

    string WriteStored(KindSettings settings);

    /// <summary>
    /// Refuses changes that could alter a counted result once fans have taken part (the campaign
    /// is live or closed). Each refusal names the field and says why.
    /// </summary>
    void CheckLiveChange(KindSettings before, KindSettings after, FieldErrors refusals);

    /// <summary>Whether the campaign has an image slot of this name (a poll: <c>options/{id}</c> of each option).</summary>
    bool HasImageSlot(KindSettings settings, string slot);

    /// <summary>
    /// Whether <see cref="Summarize"/> needs the counters of the shards' further counter rows too (a survey has more
    /// counters than the main row's 252 properties hold): the results then cost a range read per shard, not a point read.
    /// </summary>
    bool SummarizesFurtherCounters => false;

    /// <summary>The campaign's results from its counters, summed over every shard.</summary>
    KindResults Summarize(Campaign campaign, CounterTotals counters);

    /// <summary>Maps the kind's own fan routes (each action's submission endpoint among them).</summary>
    void MapRoutes(IEndpointRouteBuilder app);
}

/// <summary>The settings a kind keeps on a campaign; each kind derives its own record.</summary>
public abstract record KindSettings;

/// <summary>A kind's results; each kind derives its own record, which the API shows as it is.</summary>
public abstract record KindResults(string Slug, DateTimeOffset UpdatedAt)
{
    /// <summary>Submissions waiting for review, not in the results yet (the core fills it in, for every kind).</summary>
    [System.ComponentModel.Description("Submissions held for review: not counted in these results until released.")]
    public long Held { get; init; }

    /// <summary>Submissions discarded after review, never counted.</summary>
    [System.ComponentModel.Description("Submissions discarded after review: never counted.")]
    public long Discarded { get; init; }
}

/// <summary>Counters of a campaign summed over its shards, and when one last changed.</summary>
public sealed record CounterTotals(IReadOnlyDictionary<string, long> Counts, DateTimeOffset UpdatedAt)
{
    public long this[string counter] => Counts.GetValueOrDefault(counter);
}
