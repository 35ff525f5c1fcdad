using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using CampaignEngine.Results;
using CampaignEngine.Voting;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Pages;

/// <summary>
/// The fan pages over HTTP: finds the campaign, picks the language and status, and answers with
/// an <see cref="HtmlPage"/>. The HTML itself comes from <see cref="FanPageViews"/>.
/// </summary>
public sealed class FanPages(
    FanPageViews views,
    CampaignCache campaigns,
    ResultsService results,
    PublicUrls urls,
    TimeProvider time,
    RenderedPages rendered,
    IOptions<FanPagesOptions> options,
    ILogger<FanPages> logger)
{
    private const string NoStore = "no-store";

    /// <summary>A friendly page for an error, in the campaign's language (or the browser's, or English).</summary>
    public IResult ErrorAsync(HttpContext http, Campaign? campaign, int statusCode, FanMessage message) =>
        new HtmlPage(statusCode, async h =>
        {
            var locale = campaign is null ? views.Strings.ForRequest(h.Request) : views.Strings.For(campaign.Locale);
            var links = campaign is null ? null : Links(h, campaign);
            var closedResults = campaign is not null && message == FanMessage.Closed ? await TryResultsAsync(campaign, h) : null;
            return views.Message(locale, statusCode, message, campaign, links, closedResults, options.Value.SafeHomeUrl);
        }, NoStore, variesByLanguage: campaign is null);

    /// <summary>The answer to a refused form vote: the poll again with the errors inline, or a message page.</summary>
    public IResult VoteRefused(HttpContext http, Campaign campaign, VoteOutcome outcome, VoteInput input) => outcome.Refusal switch
    {
        VoteRefusal.InvalidOption or VoteRefusal.InvalidContact or VoteRefusal.ConsentRequired =>
            // no-store: the page holds what the fan typed.
            new HtmlPage(StatusCodes.Status400BadRequest, h => Task.FromResult(views.Poll(
                campaign, Availability.Open, Links(h, campaign), null,
                new FanPageViews.FormState(input, outcome.Refusal.Value, outcome.Errors))), NoStore),
        VoteRefusal.LimitReached => ErrorAsync(http, campaign, StatusCodes.Status409Conflict, FanMessage.LimitReached),
        VoteRefusal.Closed => ErrorAsync(http, campaign, StatusCodes.Status409Conflict, FanMessage.Closed),
        VoteRefusal.NotStarted => ErrorAsync(http, campaign, StatusCodes.Status409Conflict, FanMessage.NotStarted),
        VoteRefusal.Unavailable => ErrorAsync(http, campaign, StatusCodes.Status503ServiceUnavailable, FanMessage.Unavailable),
        VoteRefusal.NotFound => ErrorAsync(http, null, StatusCodes.Status404NotFound, FanMessage.NotFound),
        _ => ErrorAsync(http, campaign, StatusCodes.Status400BadRequest, FanMessage.BadRequest),
    };

    internal async Task<IResult> PollAsync(string slug, HttpContext http, CancellationToken ct)
    {
        if (await VisibleAsync(slug, ct) is not { } found) return Missing(http, slug);
        var (campaign, availability) = found;
        var closed = availability == Availability.Closed ? await results.GetResultsAsync(campaign, ct) : null;
        var links = Links(http, campaign);
        var html = rendered.GetOrRender($"poll|{availability}|{links.Absolute.Page}", campaign, closed,
            () => views.Poll(campaign, availability, links, closed));
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), "public, max-age=5");
    }

    internal async Task<IResult> ThanksAsync(string slug, string? receipt, HttpContext http, CancellationToken ct)
    {
        if (await VisibleAsync(slug, ct) is not { } found) return Missing(http, slug);
        var html = views.Thanks(found.Campaign, Links(http, found.Campaign), IsReceipt(receipt) ? receipt : null);
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), "private, no-store");
    }

    internal async Task<IResult> ResultsAsync(string slug, HttpContext http, CancellationToken ct)
    {
        if (await VisibleAsync(slug, ct) is not { } found) return Missing(http, slug);
        var current = await results.GetResultsAsync(found.Campaign, ct);
        var links = Links(http, found.Campaign);
        var html = rendered.GetOrRender($"results|{found.Availability}|{links.Absolute.Page}", found.Campaign, current,
            () => views.Results(found.Campaign, found.Availability, links, current));
        return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), "public, max-age=2");
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

    /// <summary>
    /// The answer when <see cref="VisibleAsync"/> found nothing: 404, or 400 when the slug could never
    /// exist (disallowed characters), as the API and the vote endpoint answer. The fan sees the same
    /// "not found" text either way: to them it is a bad link.
    /// </summary>
    internal IResult Missing(HttpContext http, string slug) =>
        ErrorAsync(http, null, Slug.IsValid(slug) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, FanMessage.NotFound);

    /// <summary>Results for a message page: a nice extra, so a storage hiccup leaves them out rather than failing the page.</summary>
    private async Task<PollResults?> TryResultsAsync(Campaign campaign, HttpContext http)
    {
        try
        {
            return await results.GetResultsAsync(campaign, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read results of {Campaign} for a message page", campaign.Slug);
            return null;
        }
    }

    private FanLinks Links(HttpContext http, Campaign campaign) => new(urls.For(http.Request, campaign.Slug));

    /// <summary>Receipts are 16 base64url characters; anything else is not shown.</summary>
    private static bool IsReceipt(string? receipt) =>
        receipt is { Length: > 0 and <= 64 } && receipt.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
