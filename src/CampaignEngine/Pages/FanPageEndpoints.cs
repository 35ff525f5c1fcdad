using CampaignEngine.Api;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Results;
using CampaignEngine.ShareCards;

namespace CampaignEngine.Pages;

/// <summary>The fans' HTML pages and QR codes under <c>/c/{slug}</c>.</summary>
public static class FanPageEndpoints
{
    internal const string SvgPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    /// <summary>GET /c/{slug}, /c/{slug}/thanks, /c/{slug}/results, /c/{slug}/qr.png, /c/{slug}/qr.svg.</summary>
    public static IEndpointRouteBuilder MapFanPages(this IEndpointRouteBuilder app)
    {
        // Every kind's strings, laid over the core's once per locale, before the first fan asks.
        app.ServiceProvider.GetRequiredService<PageStrings>().BuildKindTables();

        var group = app.MapGroup("/c/{slug}")
            .WithTags("Fan pages")
            .RequireRateLimiting(RateLimits.FanReads);

        group.MapGet("/", (string slug, HttpContext http, FanPages pages, CancellationToken ct) => pages.CampaignAsync(slug, http, ct))
            .WithSummary("The campaign page: a plain HTML form (no JavaScript needed)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapGet("/thanks", (string slug, string? receipt, string? offers, HttpContext http, FanPages pages, CancellationToken ct) =>
                pages.ThanksAsync(slug, receipt, offers == "1", http, ct))
            .WithSummary("The thank-you page after a form vote, with share links")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapGet("/results", (string slug, HttpContext http, FanPages pages, CancellationToken ct) => pages.ResultsAsync(slug, http, ct))
            .WithSummary("The public results page (cached for 2 s)")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapGet("/card.png", (string slug, HttpContext http, FanPages pages, ShareCardService cards, CancellationToken ct) =>
                CardAsync(slug, http, pages, ct, campaign => cards.CampaignCardAsync(campaign.Campaign, new Uri(pages.AbsoluteLinks(http, slug).Page).Host, ct), "public, max-age=300"))
            .WithSummary("The campaign's share card (1200×630 PNG, its og:image)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        group.MapGet("/results/card.png", (string slug, HttpContext http, FanPages pages, ShareCardService cards, ResultsService results, CancellationToken ct) =>
                CardAsync(slug, http, pages, ct, async found => await cards.ResultsCardAsync(found.Campaign, found.Availability,
                    await results.GetResultsAsync(found.Campaign, ct), new Uri(pages.AbsoluteLinks(http, slug).Page).Host, ct), "public, max-age=60"))
            .WithSummary("The results share card with the current standing (1200×630 PNG)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        group.MapGet("/qr.png", (string slug, HttpContext http, FanPages pages, QrCodes codes, CancellationToken ct) =>
                QrAsync(slug, http, pages, ct, url => TypedResults.Bytes(codes.Png(url), "image/png")))
            .WithSummary("QR code of the campaign page's address (PNG)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        group.MapGet("/qr.svg", (string slug, HttpContext http, FanPages pages, QrCodes codes, CancellationToken ct) =>
                QrAsync(slug, http, pages, ct, url => TypedResults.Text(codes.Svg(url), "image/svg+xml; charset=utf-8")))
            .WithSummary("QR code of the campaign page's address (SVG)")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        return app;
    }

    private static async Task<IResult> CardAsync(
        string slug, HttpContext http, FanPages pages, CancellationToken ct, Func<(Campaigns.Campaign Campaign, Campaigns.Availability Availability), Task<byte[]>> render,
        string cacheControl)
    {
        if (await pages.VisibleAsync(slug, ct) is not { } found || found.Availability == Campaigns.Availability.Archived) return pages.Missing(http, slug);
        var png = await render(found);
        HtmlPage.ApplySecurityHeaders(http.Response, SvgPolicy);
        http.Response.Headers.CacheControl = cacheControl;
        return TypedResults.Bytes(png, "image/png");
    }

    private static async Task<IResult> QrAsync(string slug, HttpContext http, FanPages pages, CancellationToken ct, Func<string, IResult> image)
    {
        if (await pages.VisibleAsync(slug, ct) is null) return pages.Missing(http, slug);
        HtmlPage.ApplySecurityHeaders(http.Response, SvgPolicy);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return image(pages.AbsoluteLinks(http, slug).Page);
    }
}
