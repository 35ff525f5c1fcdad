using CampaignEngine.Api;
using CampaignEngine.Kinds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Campaigns;

/// <summary>Turns stored campaigns into API answers: the response body with its links, and the ETag header.</summary>
public sealed class CampaignPresenter(CampaignKinds kinds, PublicUrls urls)
{
    public CampaignResponse Present(HttpRequest request, Campaign campaign, IReadOnlyList<string>? warnings = null) =>
        CampaignResponse.From(campaign, urls.For(request, campaign.Slug), kinds, warnings);

    public Ok<CampaignResponse> Ok(HttpContext http, StoredCampaign stored, IReadOnlyList<string>? warnings = null)
    {
        http.Response.Headers.ETag = CampaignETags.Of(stored.ETag);
        return TypedResults.Ok(Present(http.Request, stored.Campaign, warnings));
    }
}
