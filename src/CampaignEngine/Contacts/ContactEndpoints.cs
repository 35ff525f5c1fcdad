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
            .WithSummary("Contacts captured with consent, each with its consent records")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ContactRecord>>, ProblemHttpResult>> GetAsync(
        string slug, CampaignStore campaigns, ContactStore contacts, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");
        return TypedResults.Ok(await contacts.GetContactsAsync(slug, ct));
    }
}
