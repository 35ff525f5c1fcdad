using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Media;

namespace CampaignEngine.Branding;

/// <summary>
/// A campaign's images: the brand's logo and cover, and the kind's own slots (a poll's option
/// images). Uploaded as the request body (JPEG, PNG or WebP), re-encoded with their metadata
/// stripped, stored in Blob Storage under content-addressed names, and served by the engine under
/// <c>/c/{slug}/media/…</c> with year-long cache headers.
/// </summary>
public static class BrandImageEndpoints
{
    private const string UploadDescription = "Send the image itself as the body (JPEG, PNG or WebP, at most 10 MB and 40 megapixels). " +
        "It is re-encoded: orientation applied, EXIF/GPS and other metadata removed, scaled down to its slot's size.";

    public static IEndpointRouteBuilder MapBrandImages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/campaigns/{slug}")
            .WithTags("Campaigns")
            .AddEndpointFilter<AdminKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        foreach (var image in BrandImage.All)
        {
            group.MapPut($"/brand/{image.Name}", (string slug, HttpRequest request, BrandImages images, CancellationToken ct) =>
                    images.SetAsync(slug, image.Name, image.Limits, image.Place, request, ct))
                .WithMetadata(new BodyLimit(image.Limits.MaxBytes))
                .Accepts<byte[]>("image/jpeg", "image/png", "image/webp")
                .WithSummary($"Upload the campaign's {image.Name}")
                .WithDescription(UploadDescription)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
            group.MapDelete($"/brand/{image.Name}", (string slug, BrandImages images, HttpContext http, CancellationToken ct) =>
                    images.PointAsync(slug, image.Name, null, image.Place, http, ct))
                .WithSummary($"Remove the campaign's {image.Name}");
        }
        group.MapPut("/images/{*slot}", (string slug, string slot, HttpRequest request, BrandImages images, CampaignKinds kinds, CancellationToken ct) =>
                images.SetAsync(slug, slot, KindImageLimits, KindSlot(kinds, slot), request, ct))
            .WithMetadata(new BodyLimit(KindImageLimits.MaxBytes))
            .Accepts<byte[]>("image/jpeg", "image/png", "image/webp")
            .WithSummary("Upload an image of the campaign's kind (a poll's option: images/options/{optionId})")
            .WithDescription(UploadDescription)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/images/{*slot}", (string slug, string slot, BrandImages images, CampaignKinds kinds, HttpContext http, CancellationToken ct) =>
                images.PointAsync(slug, slot, null, KindSlot(kinds, slot), http, ct))
            .WithSummary("Remove an image of the campaign's kind");
        app.MapGet("/c/{slug}/media/{file}", GetAsync)
            .WithTags("Fan pages")
            .WithSummary("A campaign image, cached for a year: its name changes when it does")
            .RequireRateLimiting(RateLimits.FanReads);
        return app;
    }

    /// <summary>Images of a kind's slots show small (a poll option's thumbnail), so they are kept small.</summary>
    private static readonly ImageLimits KindImageLimits = new(MaxEdge: 800);

    private static BrandImages.Placement KindSlot(CampaignKinds kinds, string slot) => (campaign, path) =>
    {
        if (!kinds.Get(campaign.Kind).HasImageSlot(campaign.Settings, slot)) return null;
        var images = new Dictionary<string, string>(campaign.Images);
        if (path is null) images.Remove(slot);
        else images[slot] = path;
        return campaign with { Images = images };
    };

    private static async Task<IResult> GetAsync(string slug, string file, CampaignCache campaigns, MediaStore media, HttpContext http, CancellationToken ct)
    {
        if (!Slug.IsValid(slug) || await campaigns.FindAsync(slug, ct) is not { Status: not CampaignStatus.Draft } campaign) return TypedResults.NotFound();
        var path = new[] { campaign.Brand.LogoPath, campaign.Brand.CoverPath }.Concat(campaign.Images.Values)
            .FirstOrDefault(p => p is not null && p.EndsWith("/" + file, StringComparison.Ordinal));
        if (path is null || await media.GetImageAsync(path, ct) is not { } image) return TypedResults.NotFound();
        return MediaStore.Serve(image, http.Response);
    }
}

/// <summary>The two images a brand can give a campaign.</summary>
public sealed record BrandImage(string Name, ImageLimits Limits, BrandImages.Placement Place)
{
    public static readonly BrandImage Logo = new("logo", ImageLimits.Logo, (c, path) => c with { Brand = c.Brand with { LogoPath = path } });
    public static readonly BrandImage Cover = new("cover", ImageLimits.Cover, (c, path) => c with { Brand = c.Brand with { CoverPath = path } });
    public static readonly IReadOnlyList<BrandImage> All = [Logo, Cover];
}
