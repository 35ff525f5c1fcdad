using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Results;

public static class ResultsEndpoints
{
    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/campaigns/{slug}/results", GetAsync)
            .WithTags("Results")
            .WithSummary("Current counts and percentages (cached for about a second)")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<PollResults>, ProblemHttpResult>> GetAsync(
        string slug, CampaignCache campaigns, ResultsService results, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        return await campaigns.FindAsync(slug, ct) is { } campaign
            ? TypedResults.Ok(await results.GetResultsAsync(campaign, ct))
            : Problems.NotFound($"No campaign '{slug}'.");
    }
}
