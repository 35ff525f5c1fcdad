using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;

namespace CampaignEngine.Pages;

/// <summary>A section a capability adds to the thank-you page of a submission (an offer's code, say); null to add none.</summary>
public interface IThanksNote
{
    /// <param name="offersAsked">The fan gave contact details with consent to offers (the redirect says so; it proves nothing).</param>
    /// <param name="again">This page's own address, for a "look again" link.</param>
    Task<RawHtml?> RenderAsync(Campaign campaign, string receipt, bool offersAsked, PageLocale locale, string again, CancellationToken cancellationToken);
}
