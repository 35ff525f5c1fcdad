using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Review;

/// <summary>The marketer's review of suspect submissions: list what is held, release or discard it, one by one or in bulk.</summary>
public static class ReviewEndpoints
{
    public const int DefaultPage = 100;
    public const int MaxPage = 1000;
    public const int MaxIds = 1000;

    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var review = app.MapAdminGroup("/api/campaigns/{slug}/review", "Review");
        review.MapGet("/", ListAsync)
            .WithSummary("Submissions held for review (or released, or discarded), each with the signals that made it suspect")
            .WithDescription("A page at a time: pass the `continuationToken` of one answer to get the next. `?signal=headless` lists only " +
                             "those with that signal. A campaign holds suspect submissions when its `review.holdSuspect` is true; " +
                             "until then they are counted at once and their signals are still recorded.")
            .ProducesValidationProblem();
        MapDecision(review, "/release", ReviewDecision.Release,
            "Count held submissions after all: by id, or every held one (with a signal, if given)",
            "Each submission is counted exactly once, however often it is released or by how many reviewers at once; " +
            "ids that are not held (any more) are listed in `notHeld`. With `all`, up to `max` are released per call; call " +
            "again while `more` is true.");
        MapDecision(review, "/discard", ReviewDecision.Discard,
            "Discard held submissions: they never count, and the results show how many were discarded",
            "As release, but the submissions go to the discarded count. A discarded submission still uses its " +
            "participant's allowance, so discarding a stuffed vote does not let the same device vote again.");
        return app;
    }

    private static void MapDecision(RouteGroupBuilder review, string path, ReviewDecision decision, string summary, string description) =>
        review.MapPost(path, (string slug, HttpRequest request, CampaignStore campaigns, ReviewStore store, CancellationToken ct) =>
                DecideAsync(slug, decision, request, campaigns, store, ct))
            .Accepts<ReviewDecisionRequest>("application/json")
            .WithSummary(summary)
            .WithDescription(description)
            .ProducesValidationProblem();

    private static async Task<Results<Ok<ReviewPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string slug,
        [Description("held (default), released or discarded.")] string? status,
        [Description("Only submissions with this signal: headless, no-user-agent, network-burst, device-burst, unsolved-challenge or challenge-failed.")] string? signal,
        [Description("Items per page, 1 to 1000 (default 100).")] int? limit,
        [Description("From the previous page's answer.")] string? continuationToken,
        CampaignStore campaigns, ReviewStore store, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var errors = new Dictionary<string, string[]>();
        status ??= ReviewRows.Held;
        if (!ReviewRows.Statuses.Contains(status)) errors["status"] = [$"Use one of: {string.Join(", ", ReviewRows.Statuses)}."];
        if (signal is not null && !SuspicionSignals.All.Contains(signal)) errors["signal"] = [$"Use one of: {string.Join(", ", SuspicionSignals.All)}."];
        if (limit is < 1 or > MaxPage) errors["limit"] = [$"Between 1 and {MaxPage}."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");
        try
        {
            return TypedResults.Ok(await store.ListAsync(slug, status, signal, limit ?? DefaultPage, continuationToken, ct));
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 400)
        {
            return Problems.Validation(new() { ["continuationToken"] = ["Not a token this list returned; start again without one."] });
        }
    }

    private static async Task<Results<Ok<ReviewDecisionResult>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string slug, ReviewDecision decision, HttpRequest request, CampaignStore campaigns, ReviewStore store, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var (body, problem) = await JsonBody.ReadAsync<ReviewDecisionRequest>(request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;

        var errors = new Dictionary<string, string[]>();
        var all = body!.All == true;
        if (all == body.Ids is { Count: > 0 }) errors["ids"] = ["Name the submissions by 'ids', or set 'all' to true; not both."];
        if (body.Ids is { Count: > MaxIds }) errors["ids"] = [$"At most {MaxIds} ids per call."];
        if (body.Signal is not null && !all) errors["signal"] = ["A signal narrows 'all'; with 'ids' it has no use."];
        if (body.Signal is not null && !SuspicionSignals.All.Contains(body.Signal)) errors["signal"] = [$"Use one of: {string.Join(", ", SuspicionSignals.All)}."];
        if (body.Max is < 1 or > MaxPage) errors["max"] = [$"Between 1 and {MaxPage}."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await campaigns.FindCampaignAsync(slug, ct) is not { } stored) return Problems.NotFound($"No campaign '{slug}'.");

        if (all)
        {
            var (outcome, more) = await store.DecideAllAsync(stored.Campaign, decision, body.Signal, body.Max ?? MaxPage, ct);
            return TypedResults.Ok(new ReviewDecisionResult(outcome.Decided, outcome.NotHeld, more));
        }
        var result = await store.DecideAsync(stored.Campaign, decision, body.Ids!, ct);
        return TypedResults.Ok(new ReviewDecisionResult(result.Decided, result.NotHeld, false));
    }
}

[Description("Which held submissions to decide: the ids the review list showed, or all of them (with one signal, if given).")]
public sealed record ReviewDecisionRequest
{
    [MaxLength(ReviewEndpoints.MaxIds), Description("Ids from the review list.")]
    public List<string>? Ids { get; init; }

    [Description("true: every held submission (up to max per call).")]
    public bool? All { get; init; }

    [Description("With all: only those with this signal.")]
    public string? Signal { get; init; }

    [Range(1, ReviewEndpoints.MaxPage), Description("With all: at most this many per call (default 1000).")]
    public int? Max { get; init; }
}

public sealed record ReviewDecisionResult(
    [property: Description("How many were released (or discarded) by this call.")] int Decided,
    [property: Description("Ids that were not held: already decided, or no submission of this campaign.")] IReadOnlyList<string> NotHeld,
    [property: Description("With all: whether held submissions remain; call again.")] bool More);
