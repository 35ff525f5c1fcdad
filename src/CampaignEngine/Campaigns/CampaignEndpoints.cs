using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Api;
using CampaignEngine.Kinds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Campaigns;

/// <summary>The marketer API for campaigns of every kind: create, list, read, edit, duplicate, delete, and the lifecycle.</summary>
public static class CampaignEndpoints
{
    public static RouteGroupBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/api/campaigns", "Campaigns");

        group.MapPost("/", CreateAsync)
            .Accepts<CreateCampaignRequest>("application/json")
            .WithSummary("Create a campaign (as a draft)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", CampaignListing.ListAsync)
            .WithSummary("List campaigns, a page at a time, filtered by status and kind, searched by title");
        group.MapGet("/{slug}", GetAsync).WithSummary("Read one campaign (its ETag is in the ETag header)");
        group.MapPatch("/{slug}", PatchAsync)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithSummary("Edit a campaign with a JSON merge patch (If-Match: its ETag)")
            .WithDescription("A draft can change in every field. A live or closed campaign only in what cannot change a counted " +
                             "result: texts, a later end, added options; each refused field is named in `errors` with the reason (409). " +
                             "With If-Match, a campaign changed since it was read answers 412.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{slug}", DeleteAsync).WithSummary("Delete a draft (published campaigns are closed and archived instead)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{slug}/duplicate", DuplicateAsync).WithSummary("Copy a campaign into a new draft with a new slug")
            .Accepts<DuplicateRequest>(isOptional: true, "application/json");
        MapMove(group, "publish", CampaignStatus.Live, "Publish a draft: fans can see it and take part");
        MapMove(group, "close", CampaignStatus.Closed, "Close a live campaign: no more submissions, results stay up");
        MapMove(group, "archive", CampaignStatus.Archived, "Archive a closed campaign: hidden from the list, fan pages answer 410, data still exportable");
        return group;
    }

    private static void MapMove(RouteGroupBuilder group, string verb, CampaignStatus target, string summary) =>
        group.MapPost($"/{{slug}}/{verb}", (string slug, CampaignLifecycle lifecycle, CampaignPresenter presenter, HttpContext http, CancellationToken ct) =>
                MoveAsync(slug, target, lifecycle, presenter, http, ct))
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Created<CampaignResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, CampaignStore store, CampaignKinds kinds, CampaignPresenter presenter, TimeProvider time,
        IOptions<EngineOptions> options, FairPlay.Captcha.CaptchaKeys captchaKeys, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateCampaignRequest>(request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;

        var now = time.GetUtcNow();
        var valid = CampaignValidator.Validate(body!, kinds, captchaKeys);
        CampaignValidator.CheckNotOver(body!.EndsAt, now, valid.Errors);
        if (valid.Errors.Any) return Problems.Validation(valid.Errors.ToDictionary());

        foreach (var slug in body.Slug is { } chosen ? [chosen] : GeneratedSlugs(body.Title!, valid.Kind!.Name))
        {
            var campaign = CampaignValidator.ToDraft(body, valid, slug, now, options.Value.DefaultShards);
            if (await store.TryCreateCampaignAsync(campaign, ct))
            {
                return TypedResults.Created($"/api/campaigns/{slug}", presenter.Present(request, campaign));
            }
        }
        return Problems.Conflict(body.Slug is null
            ? "Could not find a free slug for this title; send one in 'slug'."
            : $"The slug '{body.Slug}' is taken.");
    }

    internal static IEnumerable<string> GeneratedSlugs(string title, string kind)
    {
        var fromTitle = Slug.FromTitle(title);
        if (fromTitle is not null) yield return fromTitle;
        for (var i = 0; i < 5; i++)
        {
            var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            yield return fromTitle is null ? $"{kind}-{suffix}" : Slug.WithSuffix(fromTitle, suffix);
        }
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetAsync(
        string slug, CampaignStore store, CampaignPresenter presenter, HttpContext http, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await store.FindCampaignAsync(slug, ct) is not { } stored) return Problems.NotFound($"No campaign '{slug}'.");
        return presenter.Ok(http, stored);
    }

    private static async Task<Results<Ok<CampaignResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string slug, HttpContext http, CampaignEditor editor, CampaignPresenter presenter, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var (patch, problem) = await JsonBody.ReadObjectAsync(http.Request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;

        var outcome = await editor.PatchAsync(slug, patch!, IfMatch(http.Request), ct);
        return outcome switch
        {
            { Stored: { } stored } => presenter.Ok(http, stored),
            { NotFound: true } => Problems.NotFound($"No campaign '{slug}'."),
            { Stale: true } => Problems.PreconditionFailed("The campaign changed since this ETag was read: GET it again and reapply the change."),
            { Invalid: { } errors } => Problems.Validation(errors),
            { Refused: { } refused } => Problems.Refused("These fields cannot change now.", refused),
            _ => Problems.Conflict(outcome.Error!),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string slug, HttpRequest request, CampaignUpdates updates, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var update = await updates.ApplyAsync<bool>(slug, IfMatch(request), stored => stored.Campaign.Status == CampaignStatus.Draft
            ? new CampaignChange<bool>.Delete()
            : new CampaignChange<bool>.Stop(false), ct);
        return update.Status switch
        {
            CampaignUpdateStatus.Deleted => TypedResults.NoContent(),
            CampaignUpdateStatus.NotFound => Problems.NotFound($"No campaign '{slug}'."),
            CampaignUpdateStatus.Stale => Problems.PreconditionFailed("The campaign changed since this ETag was read."),
            CampaignUpdateStatus.Stopped => Problems.Conflict("Only a draft can be deleted: fans may have taken part in this one. Close and archive it instead."),
            _ => Problems.Conflict("The campaign changed while this request ran; try again."),
        };
    }

    private static async Task<Results<Created<CampaignResponse>, ValidationProblem, ProblemHttpResult>> DuplicateAsync(
        string slug, HttpRequest request, CampaignStore store, CampaignPresenter presenter, TimeProvider time, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        DuplicateRequest? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (read, problem) = await JsonBody.ReadAsync<DuplicateRequest>(request, ct);
            if (problem is ValidationProblem invalid) return invalid;
            if (problem is ProblemHttpResult other) return other;
            body = read;
        }
        var errors = new FieldErrors();
        if (body?.Slug is { } wanted && !Slug.IsValid(wanted)) errors.Add("slug", $"Use {Slug.MinLength} to {Slug.MaxLength} characters: a-z, 0-9 and inner hyphens.");
        CampaignValidator.CheckText(body?.Title, "title", CampaignValidator.MaxTitle, required: false, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        if (await store.FindCampaignAsync(slug, ct) is not { } source) return Problems.NotFound($"No campaign '{slug}'.");
        var now = time.GetUtcNow();
        var original = source.Campaign;
        var title = body?.Title?.Trim() ?? original.Title;
        foreach (var candidate in body?.Slug is { } chosen ? [chosen] : GeneratedSlugs(title, original.Kind).Where(s => s != slug))
        {
            var copy = original with
            {
                Slug = candidate,
                Title = title,
                Status = CampaignStatus.Draft,
                CreatedAt = now,
                PublishedAt = null,
                ClosedAt = null,
                ArchivedAt = null,
                // Dates that have passed would make the copy unpublishable: the marketer sets new ones.
                StartsAt = original.StartsAt > now ? original.StartsAt : null,
                EndsAt = original.EndsAt > now ? original.EndsAt : null,
            };
            if (await store.TryCreateCampaignAsync(copy, ct))
            {
                return TypedResults.Created($"/api/campaigns/{candidate}", presenter.Present(request, copy));
            }
        }
        return Problems.Conflict(body?.Slug is null ? "Could not find a free slug; send one in 'slug'." : $"The slug '{body.Slug}' is taken.");
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> MoveAsync(
        string slug, CampaignStatus target, CampaignLifecycle lifecycle, CampaignPresenter presenter, HttpContext http, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var result = await lifecycle.MoveAsync(slug, target, ct);
        return result switch
        {
            { Stored: { } stored } => presenter.Ok(http, stored, result.Warnings),
            { NotFound: true } => Problems.NotFound($"No campaign '{slug}'."),
            _ => Problems.Conflict(result.Error!),
        };
    }

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
}

/// <summary>The optional body of <c>POST /api/campaigns/{slug}/duplicate</c>.</summary>
[Description("Optional: the copy's slug and title.")]
[OpenApiExample("""{ "slug": "which-flavour-autumn", "title": "Which flavour should we make this autumn?" }""")]
public sealed record DuplicateRequest
{
    [Length(Campaigns.Slug.MinLength, Campaigns.Slug.MaxLength), RegularExpression(Campaigns.Slug.PatternText)]
    [Description("The copy's slug; generated from the title when absent.")]
    public string? Slug { get; init; }

    [Length(1, CampaignValidator.MaxTitle), Description("The copy's title; the original's when absent.")]
    public string? Title { get; init; }
}
