using System.ComponentModel;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Api;

/// <summary>Absolute URLs for links, share buttons and QR codes.</summary>
public sealed class PublicUrls(IOptions<EngineOptions> options)
{
    public string Base(HttpRequest request) =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>
    /// The origins a fan page of ours is served from, for checking where a form post came from: the
    /// public base URL's, and the request's own (forms post to a root-relative address, so a fan who
    /// opened the page under another of our host names posts back to that one). Which host names may
    /// reach the engine at all is the Host check's to decide, before this is asked.
    /// </summary>
    public IReadOnlyList<string> Origins(HttpRequest request)
    {
        var own = Submissions.FormOrigin.OriginOf($"{request.Scheme}://{request.Host}");
        var configured = Submissions.FormOrigin.OriginOf(Base(request));
        if (own is null) return configured is null ? [] : [configured];
        return configured is null || configured == own ? [own] : [configured, own];
    }

    public CampaignLinks For(HttpRequest request, string slug)
    {
        var root = $"{Base(request)}/c/{slug}";
        return new CampaignLinks(root, root + "/results", root + "/qr.png", root + "/qr.svg", root + "/card.png", root + "/results/card.png");
    }
}

/// <summary>A campaign's public addresses: its page, results, QR codes and share cards (1200×630 PNGs).</summary>
public sealed record CampaignLinks(
    [property: Description("The fan page, where fans take part.")] string Page,
    [property: Description("The public results page.")] string Results,
    [property: Description("A QR code of the fan page's address, as PNG.")] string QrPng,
    [property: Description("The same QR code, as SVG.")] string QrSvg,
    [property: Description("The campaign's share card (its og:image), a 1200×630 PNG.")] string Card,
    [property: Description("The results share card with the current standing, a 1200×630 PNG.")] string ResultsCard);
