namespace CampaignEngine.Api;

public static class AdminRoutes
{
    /// <summary>
    /// A group of marketer API routes under <paramref name="prefix"/>: the admin key, the API rate limit and the 401 they
    /// answer without one. A group under one campaign's address answers 404 for a campaign that is not there too.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = app.MapGroup(prefix)
            .WithTags(tag)
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return prefix.Contains("{slug}", StringComparison.Ordinal) ? group.ProducesProblem(StatusCodes.Status404NotFound) : group;
    }
}
