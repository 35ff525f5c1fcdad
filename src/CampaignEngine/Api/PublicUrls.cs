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
        return new CampaignLinks(root, root + "/results", root + "/qr.png", root + "/qr.svg");
    }
}

public sealed record CampaignLinks(string Page, string Results, string QrPng, string QrSvg);
