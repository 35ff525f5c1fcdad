using CampaignEngine.Api;
using CampaignEngine.Campaigns;

namespace CampaignEngine.Submissions;

/// <summary>
/// Refuses fan form posts that another site made a visitor's browser send (stuffed votes spread
/// over many visitors' addresses, contacts registered for addresses nobody confirmed). The headers
/// decide (<see cref="FormOrigin"/>); when the browser sent none, the form's signed token does.
/// JSON posts are not asked: a browser sends JSON to another origin only after a CORS preflight,
/// and the engine grants none.
/// </summary>
public sealed class CrossSiteGuard(PublicUrls urls, FormTokens tokens, ILogger<CrossSiteGuard> logger)
{
    public bool Allows(HttpRequest request, Campaign campaign, IFormCollection form)
    {
        var check = FormOrigin.Check(FormOriginHeaders.From(request), urls.Origins(request), campaign.EmbedOrigins);
        if (check.Result == FormOriginResult.NeedsToken)
        {
            var token = tokens.Check(campaign.Slug, form[FormTokens.Field].FirstOrDefault());
            if (token == FormTokenState.Valid) return true;
            check = FormOriginCheck.Refused("token " + token.ToString().ToLowerInvariant());
        }
        if (check.Result == FormOriginResult.Allowed) return true;
        logger.LogInformation("Refused a form post to {Campaign} from another site ({Reason})", campaign.Slug, check.Reason);
        return false;
    }

    /// <summary>
    /// A refused form post is answered with a page, as every form refusal is, unless the client
    /// asked for JSON and not HTML (a script posting a form): then with ProblemDetails.
    /// </summary>
    public static bool WantsProblem(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}
