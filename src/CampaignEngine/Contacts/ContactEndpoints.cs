using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Contacts;

public static class ContactEndpoints
{
    /// <summary>Recorded as the source of a withdrawal made through the marketer API.</summary>
    public const string ApiSource = "api";

    private const int DefaultRekey = 1000;
    private const int MaxRekey = 10_000;

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapAdminGroup("/api/campaigns/{slug}/contacts", "Contacts");
        contacts.MapGet("/", GetAsync)
            .WithSummary("Contacts captured, each with its purposes, whether its consent to offers holds, and its consent and withdrawal records")
            .WithDescription("`?purpose=marketing` lists only contacts whose consent to offers holds; `?purpose=campaign` only those given to take part.");
        contacts.MapPost("/withdraw-consent", WithdrawAsync)
            .Accepts<WithdrawConsentRequest>("application/json")
            .WithSummary("Withdraw a contact's marketing consent (a fan asked to stop offers, say)")
            .WithDescription("Records the withdrawal with its time; from then on the contact is left out of `?purpose=marketing` until it consents " +
                             "again. Name the contact by `email` or by the `key` the export shows. The email goes in the body, never in the URL, " +
                             "so it stays out of request logs. Recorded even when no such contact is stored (yet): a submission still on its " +
                             "way then arrives withdrawn.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapContactExports();
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

    private static async Task<Results<Ok<ConsentWithdrawal>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        string slug, HttpRequest request, CampaignStore campaigns, ContactStore contacts, ContactKeys keys, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var (body, problem) = await JsonBody.ReadAsync<WithdrawConsentRequest>(request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;

        var email = ContactRules.Normalize(body!.Email);
        var errors = new Dictionary<string, string[]>();
        if ((email is null) == (body.Key is null))
            errors["email"] = ["Name the contact by 'email' or by 'key', not both."];
        else if (email is not null && !ContactRules.IsEmail(email))
            errors["email"] = ["Enter a valid email address."];
        else if (body.Key is not null && !ContactKeys.IsKey(body.Key))
            errors["key"] = ["A contact key is 64 lower-case hex digits, as the export shows it."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");

        return TypedResults.Ok(await contacts.WithdrawMarketingAsync(slug, body.Key ?? keys.Of(email!), ApiSource, ct));
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

/// <summary>Names the contact whose marketing consent is withdrawn: by email or by key, one of the two.</summary>
public sealed record WithdrawConsentRequest
{
    [Description("The contact's email address (any case, surrounding spaces ignored).")]
    public string? Email { get; init; }

    [Description("The contact's key, as `key` in the contacts export.")]
    public string? Key { get; init; }
}
