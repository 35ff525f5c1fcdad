using System.ComponentModel;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Submissions;

/// <summary>
/// The one fan endpoint shape every submission action gets: an HTML form post (303 to the
/// thank-you page) or JSON (202 with a receipt), an optional Idempotency-Key, and the same
/// refusals, as ProblemDetails or as a page.
/// </summary>
public static class SubmissionEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Maps <c>POST /c/{slug}/{action.Route}</c> for a campaign of <paramref name="kind"/>.</summary>
    public static RouteHandlerBuilder MapSubmission(this IEndpointRouteBuilder app, ICampaignKind kind, ISubmissionAction action) =>
        app.MapPost($"/c/{{slug}}/{action.Route}", (string slug, HttpContext http, CampaignCache campaigns, SubmissionAcceptor acceptor,
                    CrossSiteGuard guard, FanPages pages, TimeProvider time, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
                    CancellationToken ct) =>
                SubmitAsync(kind, action, slug, http, campaigns, acceptor, guard, pages, time, idempotencyKey, ct))
            .WithTags("Fans")
            .WithDescription("Send an Idempotency-Key header (for example a UUID) to make the call safe to retry: " +
                             "every retry with the same key ends in the same single counted submission and gets the same receipt, " +
                             "even when the first answer (and the device cookie it set) was lost. " +
                             "A form post must come from the campaign's own page (or an origin the campaign lists in embedOrigins), " +
                             "as its Sec-Fetch-Site, Origin or Referer header shows, or carry the page's ce_token field; otherwise it is refused with 403. " +
                             "JSON calls are not checked. " +
                             "On a campaign with protection.proofOfWork, send the solved challenge of GET /c/{slug}/challenge " +
                             "(form: fields ce_challenge and ce_nonce; JSON: header Challenge-Solution: {challenge}:{nonce}) with the device cookie it was issued to; " +
                             "a bad one is a 400 naming `challenge`, and without one the campaign's stricter unsolvedPerNetwork limit applies (429). " +
                             "On a campaign with protection.captcha, send the provider widget's token " +
                             "(form: the widget's own field, cf-turnstile-response, h-captcha-response or g-recaptcha-response; JSON: header Captcha-Token); " +
                             "a refused or reused token is a 400 naming `captcha`, a provider that cannot be reached a 503 (nothing counted, try again), " +
                             "and without a token the campaign's captcha.unsolvedPerNetwork limit applies (429).")
            // Routing answers 415 to any other type; multipart is what a form with a file input sends.
            .Accepts(action.InputType, "application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .Produces<SubmissionReceipt>(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status303SeeOther)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimits.FanWrites);

    private static async Task<IResult> SubmitAsync(
        ICampaignKind kind, ISubmissionAction action, string slug, HttpContext http, CampaignCache campaigns, SubmissionAcceptor acceptor,
        CrossSiteGuard guard, FanPages pages, TimeProvider time, string? idempotencyKey, CancellationToken ct)
    {
        var request = http.Request;
        var isForm = request.HasFormContentType;
        if (!Slug.IsValid(slug))
        {
            return isForm ? pages.ErrorAsync(http, null, 400, FanMessage.NotFound) : Problems.BadSlug(slug);
        }

        var campaign = await campaigns.FindAsync(slug, ct);
        var availability = campaign?.AvailabilityAt(time.GetUtcNow());
        if (campaign is null || campaign.Kind != kind.Name || availability == Availability.Hidden)
        {
            return isForm ? pages.ErrorAsync(http, null, 404, FanMessage.NotFound) : Problems.NotFound($"No campaign '{slug}'.");
        }
        if (availability == Availability.Archived)
        {
            return isForm ? pages.ErrorAsync(http, campaign, 410, FanMessage.Archived) : Problems.Gone("This campaign has ended and been archived.");
        }

        if (idempotencyKey is not null && !IsIdempotencyKey(idempotencyKey))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = ["Use 1 to 255 visible ASCII characters, for example a UUID."],
            });
        }

        IFanInput input;
        string source;
        if (isForm)
        {
            var (form, refused) = await FormBody.ReadAsync(request, ct);
            if (refused is not null) return pages.ErrorAsync(http, campaign, refused.StatusCode, FanMessages.ForStatus(refused.StatusCode));
            if (!guard.Allows(request, campaign, form!))
            {
                // Before anything is checked, counted or set: a forged post learns nothing and leaves no cookie.
                return CrossSiteGuard.WantsProblem(request)
                    ? Problems.Forbidden("This form was posted from another site. Post it from the campaign's own page, or send JSON.")
                    : pages.ErrorAsync(http, campaign, StatusCodes.Status403Forbidden, FanMessage.CrossSite);
            }
            input = action.ReadForm(form!);
            source = "form";
        }
        else if (request.HasJsonContentType())
        {
            var (body, problem) = await JsonBody.ReadAsync(request, action.InputType, ct);
            if (problem is not null) return problem;
            input = (IFanInput)body!;
            source = "api";
        }
        else
        {
            return Problems.UnsupportedMediaType("Send it as application/json or as a form (application/x-www-form-urlencoded).");
        }

        if (idempotencyKey is null && input.IdempotencyKey is { } own)
        {
            if (!IsIdempotencyKey(own)) return isForm ? pages.ErrorAsync(http, campaign, 400, FanMessage.BadRequest) : Problems.Validation(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = ["Use 1 to 255 visible ASCII characters, for example a UUID."],
            });
            idempotencyKey = own;
        }
        var outcome = await acceptor.AcceptAsync(campaign, action, input, source, idempotencyKey, http, ct);
        if (outcome.Receipt is { } receipt)
        {
            return isForm
                ? new SeeOther(campaign.Thanks.RedirectUrl ?? $"/c/{slug}/thanks?receipt={Uri.EscapeDataString(receipt)}{(outcome.OffersAsked ? "&offers=1" : "")}")
                : TypedResults.Accepted((string?)null, new SubmissionReceipt(receipt));
        }

        return isForm ? pages.SubmissionRefused(http, campaign, outcome, input) : Problem(action, outcome);
    }

    private static IResult Problem(ISubmissionAction action, SubmissionOutcome outcome) => outcome.Refusal switch
    {
        SubmissionRefusal.NotFound => Problems.NotFound("No such campaign."),
        SubmissionRefusal.NotStarted => Problems.Conflict("This campaign has not started yet."),
        SubmissionRefusal.Closed => Problems.Conflict("This campaign has closed."),
        SubmissionRefusal.Full => Problems.Conflict("This campaign has all the submissions it takes of this kind; nothing was counted."),
        SubmissionRefusal.LimitReached or SubmissionRefusal.DailyLimitReached => Problems.Conflict(outcome.Detail ?? action.LimitReachedDetail),
        SubmissionRefusal.Unavailable => Problems.Unavailable("It could not be recorded; nothing was counted. Try again in a moment."),
        SubmissionRefusal.CaptchaUnavailable => Problems.Unavailable(outcome.Errors![FairPlay.Captcha.CaptchaErrors.Field][0]),
        SubmissionRefusal.NetworkLimit => Problems.TooManyRequests(
            "This campaign has taken as many submissions from your network as it allows for now; nothing was counted. Try again after Retry-After seconds."),
        // Only a form's Next or Back is a step; a JSON body is always the whole submission.
        SubmissionRefusal.NextStep => Problems.Validation(new Dictionary<string, string[]> { ["nav"] = ["Send the whole submission at once; pages are for forms."] }),
        // A solution that does not pass is the client's to fix, like a field: 400 naming "challenge".
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

public sealed record SubmissionReceipt([property: Description("Proof of the counted submission; a retry with the same Idempotency-Key gets the same one.")] string Receipt);
