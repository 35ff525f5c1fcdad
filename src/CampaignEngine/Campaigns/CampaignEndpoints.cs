using System.Security.Cryptography;
using CampaignEngine.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Campaigns;

/// <summary>The marketer API for campaigns: create, list, read, publish, close.</summary>
public static class CampaignEndpoints
{
    public static RouteGroupBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/campaigns")
            .WithTags("Campaigns")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/", CreateAsync)
            .Accepts<CreateCampaignRequest>("application/json")
            .WithSummary("Create a campaign (as a draft)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", ListAsync).WithSummary("List campaigns, a page at a time");
        group.MapGet("/{slug}", GetAsync).WithSummary("Read one campaign");
        group.MapPost("/{slug}/publish", (string slug, CampaignLifecycle lifecycle, PublicUrls urls, HttpRequest request, CancellationToken ct) =>
                TransitionAsync(slug, CampaignStatus.Live, lifecycle, urls, request, ct))
            .WithSummary("Publish a draft: fans can see it and vote");
        group.MapPost("/{slug}/close", (string slug, CampaignLifecycle lifecycle, PublicUrls urls, HttpRequest request, CancellationToken ct) =>
                TransitionAsync(slug, CampaignStatus.Closed, lifecycle, urls, request, ct))
            .WithSummary("Close a live campaign: no more votes, results stay up");
        return group;
    }

    private static async Task<Results<Created<CampaignResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, CampaignStore store, PublicUrls urls, TimeProvider time, IOptions<EngineOptions> options, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateCampaignRequest>(request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;

        var errors = CampaignValidator.Validate(body!);
        if (errors.Count > 0) return Problems.Validation(errors);

        var now = time.GetUtcNow();
        var candidates = body!.Slug is { } chosen
            ? [chosen]
            : GeneratedSlugs(Slug.FromTitle(body.Title!));
        foreach (var slug in candidates)
        {
            var campaign = CampaignValidator.ToDraft(body, slug, now, options.Value.DefaultShards);
            if (await store.TryCreateCampaignAsync(campaign, ct))
            {
                var links = urls.For(request, slug);
                return TypedResults.Created($"/api/campaigns/{slug}", CampaignResponse.From(campaign, links));
            }
        }
        return Problems.Conflict(body.Slug is null
            ? "Could not find a free slug for this title; send one in 'slug'."
            : $"The slug '{body.Slug}' is taken.");
    }

    private static IEnumerable<string> GeneratedSlugs(string? fromTitle)
    {
        if (fromTitle is not null) yield return fromTitle;
        for (var i = 0; i < 5; i++)
        {
            var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            yield return fromTitle is null ? $"poll-{suffix}" : Slug.WithSuffix(fromTitle, suffix);
        }
    }

    private static async Task<Results<Ok<CampaignListResponse>, ValidationProblem>> ListAsync(
        CampaignStore store, PublicUrls urls, HttpRequest request, int? pageSize, string? continuationToken, CancellationToken ct)
    {
        if (pageSize is < 1 or > 100)
        {
            return Problems.Validation(new() { ["pageSize"] = ["Between 1 and 100."] });
        }
        var page = await store.GetCampaignsAsync(pageSize ?? 20, continuationToken, ct);
        return TypedResults.Ok(new CampaignListResponse(
            page.Items.Select(c => CampaignResponse.From(c, urls.For(request, c.Slug))).ToList(), page.ContinuationToken));
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetAsync(
        string slug, CampaignStore store, PublicUrls urls, HttpRequest request, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        return await store.FindCampaignAsync(slug, ct) is { } stored
            ? TypedResults.Ok(CampaignResponse.From(stored.Campaign, urls.For(request, slug)))
            : Problems.NotFound($"No campaign '{slug}'.");
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> TransitionAsync(
        string slug, CampaignStatus target, CampaignLifecycle lifecycle, PublicUrls urls, HttpRequest request, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var result = await lifecycle.MoveAsync(slug, target, ct);
        return result switch
        {
            { Campaign: { } campaign } => TypedResults.Ok(CampaignResponse.From(campaign, urls.For(request, slug))),
            { NotFound: true } => Problems.NotFound($"No campaign '{slug}'."),
            _ => Problems.Conflict(result.Error!),
        };
    }
}
