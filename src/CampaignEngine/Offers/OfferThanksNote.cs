using CampaignEngine.Campaigns;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;

namespace CampaignEngine.Offers;

/// <summary>
/// The offer on the thank-you page: the code once the contacts function has given one (usually within a second), the
/// kind word when the pool was empty, and until then that it is on its way, with a link to look again (no script, and
/// no automatic refresh, which screen-reader users cannot stop).
/// </summary>
public sealed class OfferThanksNote(OfferStore offers, CodePool pool, PageTemplates templates) : IThanksNote
{
    public async Task<RawHtml?> RenderAsync(Campaign campaign, string receipt, bool offersAsked, PageLocale locale, string again, CancellationToken cancellationToken)
    {
        var found = await pool.ForReceiptAsync(campaign.Slug, receipt, cancellationToken);
        if (found is null && !offersAsked) return null;
        if (await offers.GetAsync(campaign.Slug, cancellationToken) is not { SendWhen: OfferSendWhen.AfterTakingPart } offer) return null;
        return templates.Render("thanks-offer", new Dictionary<string, object?>
        {
            ["t"] = locale.Strings,
            ["code"] = found?.Code,
            ["missed"] = found?.Missed == true,
            ["expires"] = offer.ExpiresAt is { } at ? locale.Format("offer_expires", locale.DateTime(at)) : null,
            ["again"] = again,
        });
    }
}
