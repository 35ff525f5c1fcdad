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
            .WithSummary("Current results in the kind's shape (cached for about a second)")
            .WithDescription("Each kind answers in its own shape; see the kind's section of the campaign reference.")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> GetAsync(
        string slug, CampaignCache campaigns, ResultsService results, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        // Declared as object so the kind's own record is written whole.
        return await campaigns.FindAsync(slug, ct) is { } campaign
            ? TypedResults.Ok<object>(await results.GetResultsAsync(campaign, ct))
            : Problems.NotFound($"No campaign '{slug}'.");
    }
}
