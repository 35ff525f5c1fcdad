using CampaignEngine.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CampaignEngine.Api;

/// <summary>
/// The host names this engine answers to: <c>AllowedHosts</c> (ASP.NET Core's setting and syntax:
/// <c>vote.example.com;*.example.org</c>), plus the host of <c>CampaignEngine:PublicBaseUrl</c>, plus,
/// under the Functions host, the loopback names its own calls use. A request for any other host is
/// refused before anything is rendered or cached, so a forged <c>Host</c> header can never reach a
/// link, a share card or a QR code. When <c>AllowedHosts</c> is <c>*</c> or unset every host is
/// served: links then come from <c>PublicBaseUrl</c> when it is set, else from the request's host,
/// which is only safe for a local run.
/// </summary>
public sealed class PublicHosts
{
    /// <summary>The names the Functions host uses for the handler (http://127.0.0.1:{port}).</summary>
    private static readonly string[] Loopback = ["127.0.0.1", "localhost", "[::1]"];

    private readonly List<StringSegment> patterns;

    public PublicHosts(IConfiguration configuration, IOptions<EngineOptions> options)
        : this(configuration["AllowedHosts"], options.Value.PublicBaseUrl, CustomHandler.Port(configuration) is not null)
    {
    }

    public PublicHosts(string? allowedHosts, string? publicBaseUrl, bool underFunctionsHost)
    {
        UnderFunctionsHost = underFunctionsHost;
        var listed = (allowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        AnyHost = listed.Length == 0 || listed.Contains("*");
        patterns = AnyHost ? [] : listed.Select(p => new StringSegment(p)).ToList();
        if (AnyHost) return;
        if (Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var publicBase))
        {
            patterns.Add(new StringSegment(publicBase.HostNameType == UriHostNameType.IPv6 ? publicBase.Host : publicBase.IdnHost));
        }
        if (underFunctionsHost) patterns.AddRange(Loopback.Select(p => new StringSegment(p)));
    }

    /// <summary>No allow-list: <c>AllowedHosts</c> is <c>*</c> or unset.</summary>
    public bool AnyHost { get; }

    public bool UnderFunctionsHost { get; }

    public IReadOnlyList<string> Patterns => patterns.Select(p => p.Value!).ToList();

    /// <summary>Whether a request for <paramref name="host"/> (the Host header, with or without port) is served.</summary>
    public bool IsAllowed(HostString host) =>
        AnyHost || (host.HasValue && HostString.MatchesAny(new StringSegment(host.Value), patterns));
}

public static class PublicHostsMiddleware
{
    /// <summary>Refuses requests for hosts that are not this engine's (400, in the caller's format), before any endpoint runs.</summary>
    public static IApplicationBuilder UsePublicHosts(this IApplicationBuilder app)
    {
        var hosts = app.ApplicationServices.GetRequiredService<PublicHosts>();
        var logger = app.ApplicationServices.GetRequiredService<ILogger<PublicHosts>>();
        var publicBase = app.ApplicationServices.GetRequiredService<IOptions<EngineOptions>>().Value.PublicBaseUrl;
        if (hosts.AnyHost)
        {
            if (!string.IsNullOrEmpty(publicBase))
                logger.LogInformation("AllowedHosts is '*': every host is served; links use CampaignEngine:PublicBaseUrl");
            else if (hosts.UnderFunctionsHost)
                // In Azure the infrastructure sets it; without it links would name whatever host the request did.
                logger.LogWarning("CampaignEngine:PublicBaseUrl is not set under the Functions host: set it (or AllowedHosts) so links do not come from the request's Host header");
            else
                logger.LogInformation("AllowedHosts is '*' and CampaignEngine:PublicBaseUrl is not set: links are built from each request's Host header (fine for a local run only)");
            return app;
        }

        logger.LogInformation("Serving the hosts {Hosts}", string.Join(';', hosts.Patterns));
        return app.Use(async (http, next) =>
        {
            if (hosts.IsAllowed(http.Request.Host))
            {
                await next(http);
                return;
            }
            // The host is the client's to choose, so it is not logged: only that one was refused.
            logger.LogDebug("Refused a request for a host that is not served");
            await http.RequestServices.GetRequiredService<ErrorResponder>()
                .WriteAsync(http, StatusCodes.Status400BadRequest, "This host name is not served here.", findCampaign: false);
        });
    }
}
