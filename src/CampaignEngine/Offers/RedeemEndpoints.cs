using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Views;

namespace CampaignEngine.Offers;

/// <summary>
/// In-store redemption, <c>/l/r/{token}</c> (the QR code in the offer mail): staff open it, see the code and its expiry,
/// and enter the campaign's staff PIN; the first redemption is recorded, a later one shows when that was.
/// </summary>
public static class RedeemEndpoints
{
    public static IEndpointRouteBuilder MapRedeem(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/l/r").WithTags("Fan pages");
        group.MapGet("/{token}", (string token, HttpContext http, RedeemPage page, CancellationToken ct) => page.ShowAsync(token, http, ct))
            .RequireRateLimiting(RateLimits.FanReads)
            .WithSummary("The redeem page of an offer code: the code, its expiry and a staff PIN field")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapPost("/{token}", (string token, HttpContext http, RedeemPage page, CancellationToken ct) => page.RedeemAsync(token, http, ct))
            .RequireRateLimiting(RateLimits.FanWrites)
            .WithSummary("Redeem the code with the staff PIN (a form post with 'pin')")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        return app;
    }
}

public sealed class RedeemPage(SignedLinks links, OfferStore offers, CodePool pool, CampaignCache campaigns, FanPageViews views, PageStrings strings,
    TimeProvider time, ILogger<RedeemPage> logger)
{
    public async Task<IResult> ShowAsync(string token, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(token, ct) is not { } found) return Invalid(http);
        var (campaign, offer, assignment) = found;
        return Page(campaign, offer, assignment, token, StatusCodes.Status200OK,
            status: assignment.RedeemedAt is { } at ? views.LocaleOf(campaign).Format("redeem_already", views.LocaleOf(campaign).DateTime(at)) : ExpiredText(campaign, offer));
    }

    public async Task<IResult> RedeemAsync(string token, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(token, ct) is not { } found) return Invalid(http);
        var (campaign, offer, assignment) = found;
        var locale = views.LocaleOf(campaign);
        if (assignment.RedeemedAt is null && ExpiredText(campaign, offer) is { } expired)
            return Page(campaign, offer, assignment, token, StatusCodes.Status409Conflict, status: expired);

        // A four-digit PIN falls to patience: past a few wrong ones in a window, the code (or the offer) redeems nothing until it ends.
        if (await pool.PinLockedUntilAsync(campaign.Slug, assignment.ContactKey, ct) is { } until)
            return Page(campaign, offer, assignment, token, StatusCodes.Status429TooManyRequests, status: locale.Format("redeem_locked", locale.DateTime(until)));
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        if (!StaffPin.Matches(offer.StaffPinHash, form?["pin"].ToString()))
        {
            logger.LogInformation("A wrong staff PIN was entered for an offer code of {Campaign}", campaign.Slug);
            await pool.CountWrongPinAsync(campaign.Slug, assignment.ContactKey, ct);
            return Page(campaign, offer, assignment, token, StatusCodes.Status400BadRequest, error: locale["redeem_wrong_pin"]);
        }
        if (await pool.RedeemAsync(campaign.Slug, assignment.ContactKey, ct) is not { } redemption) return Invalid(http);
        if (redemption.First) logger.LogInformation("An offer code of {Campaign} was redeemed", campaign.Slug);
        return Page(campaign, offer, redemption.Assignment, token, redemption.First ? StatusCodes.Status200OK : StatusCodes.Status409Conflict,
            status: redemption.First ? locale["redeem_done"] : locale.Format("redeem_already", locale.DateTime(redemption.Assignment.RedeemedAt!.Value)));
    }

    private async Task<(Campaign, Offer, Assignment)?> FindAsync(string token, CancellationToken ct)
    {
        var check = links.Read(MailedLinks.RedeemPurpose, token);
        if (check.State != LinkState.Valid || SignedLinks.ParseContact(check.Payload) is not var (slug, key)) return null;
        if (await campaigns.FindAsync(slug, ct) is not { } campaign || await offers.GetAsync(slug, ct) is not { } offer) return null;
        return await pool.GetAsync(slug, key, ct) is { Code: not null } assignment ? (campaign, offer, assignment) : null;
    }

    private string? ExpiredText(Campaign campaign, Offer offer) =>
        offer.IsExpiredAt(time.GetUtcNow()) ? views.LocaleOf(campaign).Format("redeem_expired", views.LocaleOf(campaign).DateTime(offer.ExpiresAt!.Value)) : null;

    private IResult Page(Campaign campaign, Offer offer, Assignment assignment, string token, int statusCode, string? status = null, string? error = null)
    {
        var locale = views.LocaleOf(campaign);
        var open = assignment.RedeemedAt is null && !offer.IsExpiredAt(time.GetUtcNow());
        var body = views.Render("redeem", locale, new()
        {
            ["campaign"] = campaign.Title,
            ["code"] = assignment.Code,
            ["expires"] = offer.ExpiresAt is { } at ? locale.Format("offer_expires", locale.DateTime(at)) : null,
            ["status"] = status,
            ["form"] = open,
            ["error"] = error,
            ["action"] = $"/l/r/{Uri.EscapeDataString(token)}",
        });
        return Html(locale, body, statusCode, FanPolicy.For(campaign));
    }

    private IResult Invalid(HttpContext http)
    {
        var locale = strings.ForRequest(http.Request);
        var body = views.Render("redeem", locale, new()
        {
            ["campaign"] = null, ["code"] = null, ["expires"] = null, ["status"] = locale["redeem_invalid"], ["form"] = false, ["error"] = null, ["action"] = null,
        });
        return Html(locale, body, StatusCodes.Status404NotFound, null);
    }

    private IResult Html(PageLocale locale, Pages.Rendering.RawHtml body, int statusCode, string? policy)
    {
        var title = locale["redeem_title"];
        var html = views.Layout(locale, body, new PageHead(locale.Code, locale.Dir, title, null, null, null, null, null, locale.OpenGraphLocale, "noindex"));
        return new HtmlPage(statusCode, _ => Task.FromResult(html), "private, no-store", policy: policy);
    }
}
