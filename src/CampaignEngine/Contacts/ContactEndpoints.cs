using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Contacts;

public static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/campaigns/{slug}/contacts", GetAsync)
            .WithTags("Contacts")
            .WithSummary("Contacts captured, each with its purposes, whether it consented to offers, and its consent records")
            .WithDescription("`?purpose=marketing` lists only contacts who consented to offers; `?purpose=campaign` only those given to take part.")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ContactRecord>>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string slug, string? purpose, CampaignStore campaigns, ContactStore contacts, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (purpose is not null && !ContactPurposes.IsKnown(purpose))
            return Problems.Validation(new() { ["purpose"] = [$"Use '{ContactPurposes.Campaign}' or '{ContactPurposes.Marketing}'."] });
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");
        return TypedResults.Ok(await contacts.GetContactsAsync(slug, purpose, ct));
    }
}
