using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Voting;

/// <summary>The fans' vote endpoint: an HTML form post (303 to the thank-you page) or JSON (202 with a receipt).</summary>
public static class VotingEndpoints
{
    public static IEndpointRouteBuilder MapVoting(this IEndpointRouteBuilder app)
    {
        app.MapPost("/c/{slug}/votes", VoteAsync)
            .WithTags("Fans")
            .WithSummary("Cast a vote (form post or JSON)")
            .WithDescription("Send an Idempotency-Key header (for example a UUID) to make the call safe to retry: " +
                             "every retry with the same key ends in the same single counted vote and gets the same receipt, " +
                             "even when the first answer (and the device cookie it set) was lost.")
            .Accepts<VoteRequest>("application/json", "application/x-www-form-urlencoded")
            .Produces<VoteReceipt>(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status303SeeOther)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimits.FanWrites);
        return app;
    }

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static async Task<IResult> VoteAsync(
        string slug, HttpContext http, CampaignCache campaigns, VoteAcceptor acceptor, FanPages pages, TimeProvider time,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, CancellationToken ct)
    {
        var request = http.Request;
        var isForm = request.HasFormContentType;
        if (!Slug.IsValid(slug))
        {
            return isForm ? pages.ErrorAsync(http, null, 400, FanMessage.NotFound) : Problems.BadSlug(slug);
        }

        var campaign = await campaigns.FindAsync(slug, ct);
        if (campaign is null || campaign.AvailabilityAt(time.GetUtcNow()) == Availability.Hidden)
        {
            return isForm ? pages.ErrorAsync(http, null, 404, FanMessage.NotFound) : Problems.NotFound($"No campaign '{slug}'.");
        }

        if (idempotencyKey is not null && !IsIdempotencyKey(idempotencyKey))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = ["Use 1 to 255 visible ASCII characters, for example a UUID."],
            });
        }

        VoteInput input;
        if (isForm)
        {
            var form = await request.ReadFormAsync(ct);
            input = new VoteInput(form["optionId"].FirstOrDefault(), form["email"].FirstOrDefault(), form["name"].FirstOrDefault(),
                form["consent"].FirstOrDefault() is "yes" or "on" or "true", "form", idempotencyKey);
        }
        else if (request.HasJsonContentType())
        {
            var (body, problem) = await JsonBody.ReadAsync<VoteRequest>(request, ct);
            if (problem is not null) return problem;
            input = new VoteInput(body!.OptionId, body.Email, body.Name, body.Consent ?? false, "api", idempotencyKey);
        }
        else
        {
            return Problems.UnsupportedMediaType("Send the vote as application/json or as a form (application/x-www-form-urlencoded).");
        }

        var outcome = await acceptor.AcceptAsync(campaign, input, http, ct);
        if (outcome.Receipt is { } receipt)
        {
            return isForm
                ? new SeeOther($"/c/{slug}/thanks?receipt={Uri.EscapeDataString(receipt)}")
                : TypedResults.Accepted((string?)null, new VoteReceipt(receipt));
        }

        return isForm ? pages.VoteRefused(http, campaign, outcome, input) : Problem(outcome);
    }

    private static IResult Problem(VoteOutcome outcome) => outcome.Refusal switch
    {
        VoteRefusal.NotFound => Problems.NotFound("No such campaign."),
        VoteRefusal.NotStarted => Problems.Conflict("Voting has not started yet."),
        VoteRefusal.Closed => Problems.Conflict("Voting has closed."),
        VoteRefusal.LimitReached => Problems.Conflict("You have already used all your votes in this poll."),
        VoteRefusal.Unavailable => Problems.Unavailable("The vote could not be recorded; nothing was counted. Try again in a moment."),
        _ => Problems.Validation(outcome.Errors!.ToDictionary(e => e.Key, e => e.Value)),
    };

    private static bool IsIdempotencyKey(string key) => key.Length is > 0 and <= 255 && key.All(c => c is > ' ' and <= '~');

    /// <summary>A 303 See Other, which browsers follow with a GET (a 302 may repeat the POST).</summary>
    private sealed class SeeOther(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }
}

public sealed record VoteRequest(string? OptionId, string? Email, string? Name, bool? Consent);

public sealed record VoteReceipt(string Receipt);
