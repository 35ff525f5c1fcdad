using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Media;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Branding;

/// <summary>Stores an uploaded campaign image (the brand's, or one of the kind's slots) and points the campaign at it.</summary>
public sealed class BrandImages(CampaignStore store, CampaignUpdates updates, CampaignPresenter presenter, MediaStore media, ILogger<BrandImages> logger)
{
    /// <summary>Where an image goes on a campaign: null when the campaign has no such slot.</summary>
    public delegate Campaign? Placement(Campaign campaign, string? path);

    public async Task<Results<Ok<CampaignResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        string slug, string slot, ImageLimits limits, Placement place, HttpRequest request, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await store.FindCampaignAsync(slug, ct) is not { } found) return Problems.NotFound($"No campaign '{slug}'.");
        if (found.Campaign.Status == CampaignStatus.Archived) return Problems.Conflict("An archived campaign cannot change.");
        if (place(found.Campaign, null) is null) return Problems.NotFound($"The campaign has no image '{slot}'.");

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var result = ImageSanitizer.Sanitize(body.GetBuffer().AsMemory(0, (int)body.Length), limits);
        if (result.Problem is { } problem) return Problems.Validation(new() { [slot] = [Describe(problem, limits)] });

        var path = MediaPaths.For($"{slug}/{slot}", result.Image!);
        await media.SetImageAsync(path, result.Image!, ct);
        return await PointAsync(slug, slot, path, place, request.HttpContext, ct);
    }

    /// <summary>Points the campaign at the image (or at none); a replaced image's blob stays, as pages cached elsewhere may still name it.</summary>
    public async Task<Results<Ok<CampaignResponse>, ValidationProblem, ProblemHttpResult>> PointAsync(
        string slug, string slot, string? path, Placement place, HttpContext http, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var update = await updates.ApplyAsync<ProblemHttpResult>(slug, ifMatch: null, stored =>
            stored.Campaign.Status == CampaignStatus.Archived
                ? new CampaignChange<ProblemHttpResult>.Stop(Problems.Conflict("An archived campaign cannot change."))
                : place(stored.Campaign, path) is { } next
                    ? new CampaignChange<ProblemHttpResult>.Replace(next)
                    : new CampaignChange<ProblemHttpResult>.Stop(Problems.NotFound($"The campaign has no image '{slot}'.")), ct);
        switch (update.Status)
        {
            case CampaignUpdateStatus.Saved:
                logger.LogInformation("Campaign {Slug} has a new image {Slot}", slug, slot);
                return presenter.Ok(http, update.Saved!);
            case CampaignUpdateStatus.Stopped: return update.Answer!;
            case CampaignUpdateStatus.NotFound: return Problems.NotFound($"No campaign '{slug}'.");
            default: return Problems.Conflict("The campaign changed while this request ran; try again.");
        }
    }

    private static string Describe(ImageProblem problem, ImageLimits limits) => problem switch
    {
        ImageProblem.Empty => "Send the image as the request body.",
        ImageProblem.TooLarge => $"The image may be at most {limits.MaxBytes / (1024 * 1024)} MB.",
        ImageProblem.TooManyPixels => $"The image may have at most {limits.MaxPixels / 1_000_000} megapixels.",
        ImageProblem.UnsupportedType => "Send a JPEG, PNG or WebP image.",
        _ => "The image could not be read: the file is damaged or not an image.",
    };
}
