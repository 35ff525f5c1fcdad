using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using CampaignEngine.ShareCards;
using CampaignEngine.Submissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CampaignEngine.IntegrationTests.Kinds;

/// <summary>
/// A kind that exists only in this test: thumbs up or down on one prompt. It is written the way a
/// new kind's folder would be, against the public contract alone, to show that adding a kind
/// needs no change to the core.
/// </summary>
public sealed class ThumbsKind(FanPageViews shell) : ICampaignKind
{
    private static readonly ThumbsVote Vote = new();

    public string Name => "thumbs";
    public string Summary => "Thumbs up or down on one prompt.";
    public Type SettingsRequestType => typeof(ThumbsSettingsRequest);
    public IReadOnlyList<string> TopLevelFields => [];
    public IReadOnlyList<ISubmissionAction> Actions => [Vote];
    public IKindPages Pages => new ThumbsPages(shell);

    public KindSettings? ReadSettings(JsonElement section, FieldErrors errors)
    {
        var request = section.Deserialize<ThumbsSettingsRequest>(EngineJson.Options);
        if (string.IsNullOrWhiteSpace(request?.Prompt)) errors.Add("prompt", "Required.");
        return errors.Any ? null : new ThumbsSettings(request!.Prompt!.Trim());
    }

    public JsonObject Describe(KindSettings settings) => new() { ["prompt"] = ((ThumbsSettings)settings).Prompt };
    public KindSettings ReadStored(string json) => JsonSerializer.Deserialize<ThumbsSettings>(json, EngineJson.Options)!;
    public string WriteStored(KindSettings settings) => JsonSerializer.Serialize((ThumbsSettings)settings, EngineJson.Options);
    public void CheckLiveChange(KindSettings before, KindSettings after, FieldErrors refusals) { }
    public bool HasImageSlot(KindSettings settings, string slot) => false;

    public KindResults Summarize(Campaign campaign, CounterTotals counters) =>
        new ThumbsResults(campaign.Slug, counters["t_up"], counters["t_down"], counters.UpdatedAt);

    public void MapRoutes(IEndpointRouteBuilder app) => app.MapSubmission(this, Vote);
}

public sealed record ThumbsSettings(string Prompt) : KindSettings;

public sealed record ThumbsSettingsRequest
{
    public string? Prompt { get; init; }
}

public sealed record ThumbsResults(string Slug, long Up, long Down, DateTimeOffset UpdatedAt) : KindResults(Slug, UpdatedAt);

public sealed record ThumbsInput(string? Thumb, string? Email, string? Name, bool? Consent) : IFanInput
{
    public ThumbsInput() : this(null, null, null, null) { }
}

public sealed class ThumbsVote : ISubmissionAction
{
    public string Code => "t";
    public string Route => "thumbs";
    public Type InputType => typeof(ThumbsInput);
    public string LimitReachedDetail => "You have already given your thumb.";

    public AllowanceRule AllowanceOf(Campaign campaign) => new(1, VotingPeriod.Campaign);

    public IFanInput ReadForm(IFormCollection form) => new ThumbsInput(form["thumb"].FirstOrDefault(), null, null, null);

    public ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Check(input));

    private static SubmissionCheck Check(IFanInput input)
    {
        var thumb = ((ThumbsInput)input).Thumb;
        if (thumb is "up" or "down") return SubmissionCheck.Valid(thumb);
        var errors = new FieldErrors();
        errors.Add("thumb", "Use 'up' or 'down'.");
        return SubmissionCheck.Invalid(errors);
    }

    public void Project(SubmissionAccepted submission, ProjectionRow row)
    {
        row.Set("Thumb", submission.Data);
        row.Count("t_" + submission.Data);
    }
}

public sealed class ThumbsPages(FanPageViews shell) : IKindPages
{
    public string Campaign(Campaign campaign, Availability availability, FanLinks links, KindResults? results, FormState? form = null,
        IReadOnlyDictionary<string, Participation>? participation = null)
    {
        var locale = shell.LocaleOf(campaign);
        var prompt = HtmlText.Encode(campaign.SettingsAs<ThumbsSettings>().Prompt);
        var body = new RawHtml($"""<article class="card"><h1>{prompt}</h1><form method="post" action="{links.Page}/thumbs"><button name="thumb" value="up">👍</button><button name="thumb" value="down">👎</button></form></article>""");
        return shell.Layout(locale, body, shell.Head(campaign, locale, campaign.Title, links.Absolute.Page, links, "index, follow"));
    }

    public string Results(Campaign campaign, Availability availability, FanLinks links, KindResults results,
        IReadOnlyDictionary<string, Participation>? participation = null)
    {
        var locale = shell.LocaleOf(campaign);
        return shell.Layout(locale, Summary(locale, results), shell.Head(campaign, locale, campaign.Title, links.Absolute.Results, links, "noindex"));
    }

    public RawHtml Summary(PageLocale locale, KindResults results)
    {
        var thumbs = (ThumbsResults)results;
        return new RawHtml($"""<p class="thumbs">{locale.Number(thumbs.Up)} 👍 · {locale.Number(thumbs.Down)} 👎</p>""");
    }

    public IReadOnlyList<ShareCardStanding> CardStanding(Campaign campaign, Availability availability, KindResults results) => [];
}
