using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Media;
using CampaignEngine.Pages;

namespace CampaignEngine.Contests;

/// <summary>
/// The renditions of entries' photos: to fans, only those of entries in the gallery (the board says which); to
/// moderators through the API, those of any entry not deleted. Each name is its content's hash, so both are cached for a year.
/// </summary>
public static class EntryPhotoEndpoints
{
    public static IEndpointRouteBuilder MapEntryPhotos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/{slug}/entries/{entryId}/photo/{file}", FanAsync)
            .WithTags("Fan pages")
            .WithSummary("A rendition of the photo of an entry in the gallery, cached for a year: its name changes when it does")
            .RequireRateLimiting(RateLimits.FanReads);
        app.MapGet("/c/{slug}/entries/{entryId}/card.png", CardAsync)
            .WithTags("Fan pages")
            .WithSummary("The share card of an entry in the gallery (1200×630 PNG, its page's og:image): its title and photo")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .RequireRateLimiting(RateLimits.FanReads);
        return app;
    }

    private static async Task<IResult> CardAsync(
        string slug, string entryId, HttpContext http, FanPages pages, ContestBoards boards, ShareCards.ShareCardService cards, CancellationToken ct)
    {
        if (await pages.VisibleAsync(slug, ct) is not { Campaign.Kind: "contest" } found || found.Availability == Availability.Archived
            || !EntryKeys.IsId(entryId) || await boards.FindAsync(found.Campaign, entryId, ct) is not { Visible: true } entry)
        {
            return TypedResults.NotFound();
        }
        var host = new Uri(pages.AbsoluteLinks(http, slug).Page).Host;
        var png = await cards.ItemCardAsync(found.Campaign, entryId, entry.Entry.Title, entry.Entry.Photo?.Display, host, ct);
        HtmlPage.ApplySecurityHeaders(http.Response, FanPageEndpoints.SvgPolicy);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Bytes(png, "image/png");
    }

    private static async Task<IResult> FanAsync(
        string slug, string entryId, string file, HttpContext http, FanPages pages, ContestBoards boards, MediaStore media, CancellationToken ct)
    {
        if (await pages.VisibleAsync(slug, ct) is not { Campaign.Kind: "contest" } found || !EntryKeys.IsId(entryId)) return TypedResults.NotFound();
        var entry = await boards.FindAsync(found.Campaign, entryId, ct);
        return await ServeAsync(entry is { Visible: true } ? entry.Entry.Photo?.PathOf(file) : null, http, media, ct);
    }

    public static async Task<IResult> ModeratorAsync(
        string slug, string entryId, string file, HttpContext http, CampaignStore campaigns, EntryStore entries, MediaStore media, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await campaigns.FindCampaignAsync(slug, ct) is not { Campaign.Kind: "contest" }) return Problems.NotFound($"No contest '{slug}'.");
        var entry = await entries.GetAsync(slug, entryId, ct);
        var served = await ServeAsync(entry?.Photo?.PathOf(file), http, media, ct);
        return served is Microsoft.AspNetCore.Http.HttpResults.NotFound ? Problems.NotFound("No such photo of this entry.") : served;
    }

    private static async Task<IResult> ServeAsync(string? path, HttpContext http, MediaStore media, CancellationToken ct)
    {
        if (path is null || await media.GetImageAsync(path, ct) is not { } image) return TypedResults.NotFound();
        return MediaStore.Serve(image, http.Response);
    }
}
