using CampaignEngine.Campaigns;
using CampaignEngine.Voting;

namespace CampaignEngine.Pages;

/// <summary>
/// Renders the fan-facing HTML pages. STUB: to be replaced by the Scriban implementation.
/// </summary>
public sealed class FanPages
{
    /// <summary>A friendly page for an error, in the campaign's language (or the browser's, or English).</summary>
    public IResult ErrorAsync(HttpContext http, Campaign? campaign, int statusCode, FanMessage message) =>
        TypedResults.Content($"<!doctype html><p>{message}</p>", "text/html; charset=utf-8", statusCode: statusCode);

    /// <summary>The answer to a refused form vote: the poll again with the errors inline, or a message page.</summary>
    public IResult VoteRefused(HttpContext http, Campaign campaign, VoteOutcome outcome, VoteInput input) =>
        TypedResults.Content($"<!doctype html><p>{outcome.Refusal}</p>", "text/html; charset=utf-8", statusCode: 400);
}
