using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Contacts;

public static class ContactEndpoints
{
    private const int DefaultRekey = 1000;
    private const int MaxRekey = 10_000;

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/campaigns/{slug}/contacts")
            .WithTags("Contacts")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        contacts.MapGet("/", GetAsync)
            .WithSummary("Contacts captured, each with its purposes, whether it consented to offers, and its consent records")
            .WithDescription("`?purpose=marketing` lists only contacts who consented to offers; `?purpose=campaign` only those given to take part.");

        app.MapPost("/api/admin/contacts/rekey", RekeyAsync)
            .WithTags("Operations")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .WithSummary("Move contacts stored under an older key to their current key (after an upgrade or a new Contacts:KeySecret)")
            .WithDescription("Handles up to `max` contacts (default 1000) per call; while `done` is false, call again with the `continuationToken` " +
                             "it returned. Safe to re-run and to run while fans take part: a contact already under its current key is left alone.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ContactRecord>>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string slug,
        [Description("marketing: only contacts whose consent to offers holds; campaign: only those given to take part.")] string? purpose,
        CampaignStore campaigns, ContactStore contacts, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (purpose is not null && !ContactPurposes.IsKnown(purpose))
            return Problems.Validation(new() { ["purpose"] = [$"Use '{ContactPurposes.Campaign}' or '{ContactPurposes.Marketing}'."] });
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");
        return TypedResults.Ok(await contacts.GetContactsAsync(slug, purpose, ct));
    }

    private static async Task<Results<Ok<RekeyReport>, ValidationProblem>> RekeyAsync(
        ContactRekeyJob job,
        [Description("The continuationToken of the previous answer, to go on from there; none to start from the beginning.")] string? continuationToken,
        [Description("Most contacts to handle in this call."), Range(1, MaxRekey), DefaultValue(DefaultRekey)] int? max,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        RekeyPosition? from = null;
        if (continuationToken is not null && (from = RekeyPosition.FromToken(continuationToken)) is null)
            errors["continuationToken"] = ["Pass the continuationToken of the previous answer unchanged, or none to start over."];
        if (max is < 1 or > MaxRekey) errors["max"] = [$"Between 1 and {MaxRekey}."];
        if (errors.Count > 0) return Problems.Validation(errors);
        return TypedResults.Ok(await job.RunAsync(from, max ?? DefaultRekey, ct));
    }
}
