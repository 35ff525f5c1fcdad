using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Media;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Branding;

/// <summary>Stores an uploaded brand image and points the campaign at it.</summary>
public sealed class BrandImages(CampaignStore store, CampaignCache cache, CampaignPresenter presenter, MediaStore media, ILogger<BrandImages> logger)
{
    public async Task<Results<Ok<CampaignResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        string slug, BrandImage image, HttpRequest request, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await store.FindCampaignAsync(slug, ct) is not { } found) return Problems.NotFound($"No campaign '{slug}'.");
        if (found.Campaign.Status == CampaignStatus.Archived) return Problems.Conflict("An archived campaign cannot change.");

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var result = ImageSanitizer.Sanitize(body.GetBuffer().AsMemory(0, (int)body.Length), image.Limits);
        if (result.Problem is { } problem) return Problems.Validation(new() { [image.Name] = [Describe(problem, image.Limits)] });

        var path = MediaPaths.For($"{slug}/{image.Name}", result.Image!);
        await media.SetImageAsync(path, result.Image!, ct);
        return await PointAsync(slug, image, path, request.HttpContext, ct);
    }

    public async Task<Results<Ok<CampaignResponse>, ValidationProblem, ProblemHttpResult>> RemoveAsync(string slug, BrandImage image, HttpContext http, CancellationToken ct) =>
        Slug.IsValid(slug) ? await PointAsync(slug, image, null, http, ct) : Problems.BadSlug(slug);

    /// <summary>Points the campaign at the image (or at none); the blob of a replaced image stays, as pages cached elsewhere may still name it.</summary>
    private async Task<Results<Ok<CampaignResponse>, ValidationProblem, ProblemHttpResult>> PointAsync(
        string slug, BrandImage image, string? path, HttpContext http, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await store.FindCampaignAsync(slug, ct) is not { } stored) return Problems.NotFound($"No campaign '{slug}'.");
            if (stored.Campaign.Status == CampaignStatus.Archived) return Problems.Conflict("An archived campaign cannot change.");
            var next = stored.Campaign with { Brand = image.With(stored.Campaign.Brand, path) };
            if (await store.TryReplaceCampaignAsync(next, stored.ETag, ct) is { } saved)
            {
                cache.Evict(slug);
                logger.LogInformation("Campaign {Slug} has a new {Image}", slug, image.Name);
                return presenter.Ok(http, saved);
            }
        }
        return Problems.Conflict("The campaign changed while this request ran; try again.");
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
