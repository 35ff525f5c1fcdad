using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Media;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Branding;

/// <summary>
/// A campaign's logo and cover: uploaded as the request body (JPEG, PNG or WebP), re-encoded with
/// their metadata stripped, stored in Blob Storage under a content-addressed name, and served by
/// the engine under <c>/c/{slug}/media/…</c> with year-long cache headers.
/// </summary>
public static class BrandImageEndpoints
{
    public static IEndpointRouteBuilder MapBrandImages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/campaigns/{slug}/brand")
            .WithTags("Campaigns")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        foreach (var image in BrandImage.All)
        {
            group.MapPut($"/{image.Name}", (string slug, HttpRequest request, BrandImages images, CancellationToken ct) => images.SetAsync(slug, image, request, ct))
                .WithMetadata(new BodyLimit(image.Limits.MaxBytes))
                .Accepts<byte[]>("image/jpeg", "image/png", "image/webp")
                .WithSummary($"Upload the campaign's {image.Name} (JPEG, PNG or WebP, at most 10 MB and 40 megapixels)")
                .WithDescription("Send the image itself as the body. It is re-encoded (orientation applied, EXIF/GPS and other metadata removed, " +
                                 $"at most {image.Limits.MaxEdge} px on its long edge) and served from the campaign's pages.")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
            group.MapDelete($"/{image.Name}", (string slug, BrandImages images, HttpContext http, CancellationToken ct) => images.RemoveAsync(slug, image, http, ct))
                .WithSummary($"Remove the campaign's {image.Name}");
        }
        app.MapGet("/c/{slug}/media/{file}", GetAsync)
            .WithTags("Fan pages")
            .WithSummary("A campaign image (logo or cover), cached for a year: its name changes when it does")
            .RequireRateLimiting(RateLimits.FanReads);
        return app;
    }

    private static async Task<IResult> GetAsync(string slug, string file, CampaignCache campaigns, MediaStore media, HttpContext http, CancellationToken ct)
    {
        if (!Slug.IsValid(slug) || await campaigns.FindAsync(slug, ct) is not { Status: not CampaignStatus.Draft } campaign) return TypedResults.NotFound();
        var path = new[] { campaign.Brand.LogoPath, campaign.Brand.CoverPath }.FirstOrDefault(p => p is not null && p.EndsWith("/" + file, StringComparison.Ordinal));
        if (path is null || await media.GetImageAsync(path, ct) is not { } image) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = MediaStore.ImmutableCacheControl;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(image.Bytes.ToArray(), image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(image.ETag.ToString("H")));
    }
}

/// <summary>The two images a brand can give a campaign.</summary>
public sealed record BrandImage(string Name, ImageLimits Limits)
{
    public static readonly BrandImage Logo = new("logo", ImageLimits.Logo);
    public static readonly BrandImage Cover = new("cover", ImageLimits.Cover);
    public static readonly IReadOnlyList<BrandImage> All = [Logo, Cover];

    public string? PathOf(BrandSettings brand) => this == Logo ? brand.LogoPath : brand.CoverPath;

    public BrandSettings With(BrandSettings brand, string? path) => this == Logo ? brand with { LogoPath = path } : brand with { CoverPath = path };
}
