using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using CampaignEngine.Results;
using CampaignEngine.Submissions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Pages;

/// <summary>
/// The fan pages over HTTP: finds the campaign, picks the language and status, and answers with
/// an <see cref="HtmlPage"/>. The campaign's own pages come from its kind; the thank-you and
/// message pages from <see cref="FanPageViews"/>.
/// </summary>
public sealed class FanPages(
    FanPageViews views,
    CampaignCache campaigns,
    CampaignKinds kinds,
    ResultsService results,
    PublicUrls urls,
    TimeProvider time,
    RenderedPages rendered,
    ParticipationReader participants,
    VoterCookies cookies,
    Drafts drafts,
    FormTokens tokens,
    IEnumerable<IThanksNote> notes,
    IOptions<FanPagesOptions> options,
    ILogger<FanPages> logger)
{
    private const string NoStore = "no-store";

    /// <summary>
    /// The shared rendering of a page (for fans who have not taken part). Browsers must ask again each
    /// time, or a fan who just voted would be shown their cached empty form; the engine answers from
    /// its rendered-page cache, so asking is cheap.
    /// </summary>
    private const string SharedPage = "public, no-cache";

    /// <summary>A friendly page for an error, in the campaign's language (or the browser's, or English).</summary>
    public IResult ErrorAsync(HttpContext http, Campaign? campaign, int statusCode, FanMessage message) =>
        new HtmlPage(statusCode, async h =>
        {
            var locale = campaign is null ? views.Strings.ForRequest(h.Request) : views.LocaleOf(campaign);
            var links = campaign is null ? null : Links(h, campaign);
            var summary = campaign is not null && message == FanMessage.Closed ? await TrySummaryAsync(campaign, locale, h) : null;
            return views.Message(locale, statusCode, message, campaign, links, summary, options.Value.SafeHomeUrl);
        }, NoStore, variesByLanguage: campaign is null, campaign is null ? null : FanPolicy.For(campaign));

    /// <summary>The answer to a refused form post: the campaign's page again with the errors inline, or a message page.</summary>
    public IResult SubmissionRefused(HttpContext http, Campaign campaign, SubmissionOutcome outcome, IFanInput input) => outcome.Refusal switch
    {
        SubmissionRefusal.InvalidInput or SubmissionRefusal.InvalidContact or SubmissionRefusal.ConsentRequired =>
            // no-store: the page holds what the fan typed.
            new HtmlPage(StatusCodes.Status400BadRequest, h => Task.FromResult(PagesOf(campaign).Campaign(
                campaign, Availability.Open, FormLinks(h, campaign), null, new FormState(input, outcome.Refusal.Value, outcome.Errors))), NoStore,
                policy: FanPolicy.For(campaign)),
        SubmissionRefusal.NextStep =>
            new HtmlPage(StatusCodes.Status200OK, h => Task.FromResult(PagesOf(campaign).Campaign(
                campaign, Availability.Open, FormLinks(h, campaign), null, new FormState(input, outcome.Refusal.Value, null))), NoStore,
                policy: FanPolicy.For(campaign)),
        SubmissionRefusal.LimitReached => ErrorAsync(http, campaign, StatusCodes.Status409Conflict, FanMessage.LimitReached),
        SubmissionRefusal.DailyLimitReached => ErrorAsync(http, campaign, StatusCodes.Status409Conflict, FanMessage.DailyLimitReached),
        SubmissionRefusal.Closed => ErrorAsync(http, campaign, StatusCodes.Status409Conflict, FanMessage.Closed),
        SubmissionRefusal.Full => ErrorAsync(http, campaign, StatusCodes.Status409Conflict, FanMessage.Full),
        SubmissionRefusal.NotStarted => ErrorAsync(http, campaign, StatusCodes.Status409Conflict, FanMessage.NotStarted),
        SubmissionRefusal.Unavailable => ErrorAsync(http, campaign, StatusCodes.Status503ServiceUnavailable, FanMessage.Unavailable),
        SubmissionRefusal.NetworkLimit => ErrorAsync(http, campaign, StatusCodes.Status429TooManyRequests, FanMessage.NetworkLimit),
        SubmissionRefusal.Challenge => ErrorAsync(http, campaign, StatusCodes.Status400BadRequest, FanMessage.ChallengeFailed),
        SubmissionRefusal.Captcha => ErrorAsync(http, campaign, StatusCodes.Status400BadRequest, FanMessage.CaptchaFailed),
        SubmissionRefusal.CaptchaUnavailable => ErrorAsync(http, campaign, StatusCodes.Status503ServiceUnavailable, FanMessage.CaptchaUnavailable),
        SubmissionRefusal.NotFound => ErrorAsync(http, null, StatusCodes.Status404NotFound, FanMessage.NotFound),
        _ => ErrorAsync(http, campaign, StatusCodes.Status400BadRequest, FanMessage.BadRequest),
    };

    /// <summary>The step a returning fan left a form of several pages on, from the draft their device left; null when none.</summary>
    private async Task<FormState?> DraftAsync(HttpContext http, Campaign campaign, CancellationToken ct) =>
        kinds.Get(campaign.Kind).Actions.FirstOrDefault(a => a.KeepsDrafts) is { } stepping
        && cookies.ReadDevice(http.Request) is { } device
        && await drafts.FindAsync(campaign.Slug, cookies.VoterKey(campaign.Slug, device), ct) is { } draft
        && stepping.ReadDraft(draft) is { } input
            ? new FormState(input, SubmissionRefusal.NextStep, null)
            : null;

    internal async Task<IResult> CampaignAsync(string slug, HttpContext http, CancellationToken ct)
    {
        if (await VisibleAsync(slug, ct) is not { } found) return Missing(http, slug);
        var (campaign, availability) = found;
        if (availability == Availability.Archived) return Gone(http, campaign);
        var links = availability == Availability.Open ? FormLinks(http, campaign) : Links(http, campaign);
        var participation = participants.Read(http.Request, campaign, kinds.Get(campaign.Kind));
        if (participation.Count > 0)
        {
            // A returning fan's own page (their choice, the standing): rendered for them, never shared or stored.
            var standing = availability is Availability.Open or Availability.Closed ? await results.GetResultsAsync(campaign, ct) : null;
            var resumed = availability == Availability.Open ? await DraftAsync(http, campaign, ct) : null;
            var own = PagesOf(campaign).Campaign(campaign, availability, links, standing, resumed, participation);
            return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(own), "private, no-store", policy: FanPolicy.For(campaign));
        }
        if (http.Request.QueryString.HasValue && PagesOf(campaign).CampaignForLink(campaign, availability, links, http.Request.Query) is { } linked)
        {
            return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(linked), "private, no-store", policy: FanPolicy.For(campaign));
        }
        var closed = availability == Availability.Closed ? await results.GetResultsAsync(campaign, ct) : null;
        // The shared page's form token names only the campaign, so one rendering serves every fan; it is
        // rendered again each token generation, so no cached page hands out an old token.
        var html = rendered.GetOrRender($"page|{availability}|{links.Absolute.Page}", campaign, closed,
            () => PagesOf(campaign).Campaign(campaign, availability, links, closed), tokens.Generation());
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), SharedPage, policy: FanPolicy.For(campaign), variesByCookie: true);
    }

    internal async Task<IResult> ThanksAsync(string slug, string? receipt, bool offersAsked, HttpContext http, CancellationToken ct)
    {
        if (await VisibleAsync(slug, ct) is not { } found) return Missing(http, slug);
        if (found.Availability == Availability.Archived) return Gone(http, found.Campaign);
        var known = IsReceipt(receipt) ? receipt : null;
        var extras = new List<RawHtml>();
        if (known is not null)
        {
            var locale = views.LocaleOf(found.Campaign);
            foreach (var note in notes)
            {
                if (await note.RenderAsync(found.Campaign, known, offersAsked, locale, http.Request.Path + http.Request.QueryString, ct) is { } extra) extras.Add(extra);
            }
        }
        var html = views.Thanks(found.Campaign, Links(http, found.Campaign), known, extras);
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), "private, no-store", policy: FanPolicy.For(found.Campaign));
    }

    internal async Task<IResult> ResultsAsync(string slug, HttpContext http, CancellationToken ct)
    {
        if (await VisibleAsync(slug, ct) is not { } found) return Missing(http, slug);
        if (found.Availability == Availability.Archived) return Gone(http, found.Campaign);
        var current = await results.GetResultsAsync(found.Campaign, ct);
        var links = Links(http, found.Campaign);
        var participation = participants.Read(http.Request, found.Campaign, kinds.Get(found.Campaign.Kind));
        if (participation.Count > 0)
        {
            var own = PagesOf(found.Campaign).Results(found.Campaign, found.Availability, links, current, participation);
            return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(own), "private, no-store", policy: FanPolicy.For(found.Campaign, live: true));
        }
        var html = rendered.GetOrRender($"results|{found.Availability}|{links.Absolute.Page}", found.Campaign, current,
            () => PagesOf(found.Campaign).Results(found.Campaign, found.Availability, links, current));
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), SharedPage, policy: FanPolicy.For(found.Campaign, live: true),
            variesByCookie: true);
    }

    /// <summary>The campaign if fans may see it: the slug is well formed, it exists and is not a draft.</summary>
    internal async Task<(Campaign Campaign, Availability Availability)?> VisibleAsync(string slug, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return null;
        if (await campaigns.FindAsync(slug, ct) is not { } campaign) return null;
        var availability = campaign.AvailabilityAt(time.GetUtcNow());
        return availability == Availability.Hidden ? null : (campaign, availability);
    }

    internal CampaignLinks AbsoluteLinks(HttpContext http, string slug) => urls.For(http.Request, slug);

    internal IResult NotFound(HttpContext http) => ErrorAsync(http, null, StatusCodes.Status404NotFound, FanMessage.NotFound);

    /// <summary>An archived campaign: its links still lead somewhere kind, but nothing of it is shown.</summary>
    internal IResult Gone(HttpContext http, Campaign campaign) => ErrorAsync(http, campaign, StatusCodes.Status410Gone, FanMessage.Archived);

    /// <summary>
    /// The answer when <see cref="VisibleAsync"/> found nothing: 404, or 400 when the slug could never
    /// exist (disallowed characters), as the API and the submission endpoints answer. The fan sees the
    /// same "not found" text either way: to them it is a bad link.
    /// </summary>
    internal IResult Missing(HttpContext http, string slug) =>
        ErrorAsync(http, null, Slug.IsValid(slug) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, FanMessage.NotFound);

    private IKindPages PagesOf(Campaign campaign) => kinds.Get(campaign.Kind).Pages;

    /// <summary>Results for a message page: a nice extra, so a storage hiccup leaves them out rather than failing the page.</summary>
    private async Task<RawHtml?> TrySummaryAsync(Campaign campaign, Localization.PageLocale locale, HttpContext http)
    {
        try
        {
            return PagesOf(campaign).Summary(locale, await results.GetResultsAsync(campaign, http.RequestAborted));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read results of {Campaign} for a message page", campaign.Slug);
            return null;
        }
    }

    internal FanLinks Links(HttpContext http, Campaign campaign) => new(urls.For(http.Request, campaign.Slug));

    /// <summary>The links of a page that may show a form: with a fresh form token.</summary>
    internal FanLinks FormLinks(HttpContext http, Campaign campaign) => new(urls.For(http.Request, campaign.Slug), tokens.Issue(campaign.Slug));

    /// <summary>Receipts are 16 base64url characters; anything else is not shown.</summary>
    private static bool IsReceipt(string? receipt) =>
        receipt is { Length: > 0 and <= 64 } && receipt.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
