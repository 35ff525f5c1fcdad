using Microsoft.Extensions.Options;

namespace CampaignEngine.Api;

/// <summary>Absolute URLs for links, share buttons and QR codes.</summary>
public sealed class PublicUrls(IOptions<EngineOptions> options)
{
    public string Base(HttpRequest request) =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";

    public CampaignLinks For(HttpRequest request, string slug)
    {
        var root = $"{Base(request)}/c/{slug}";
        return new CampaignLinks(root, root + "/results", root + "/qr.png", root + "/qr.svg", root + "/card.png", root + "/results/card.png");
    }
}

/// <summary>A campaign's public addresses: its page, results, QR codes and share cards (1200×630 PNGs).</summary>
public sealed record CampaignLinks(string Page, string Results, string QrPng, string QrSvg, string Card, string ResultsCard);
