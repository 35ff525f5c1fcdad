namespace CampaignEngine.Pages;

public static class PagesServiceCollectionExtensions
{
    public static IServiceCollection AddFanPages(this IServiceCollection services)
    {
        services.AddSingleton<FanPages>();
        return services;
    }

    /// <summary>GET /c/{slug}, /c/{slug}/thanks, /c/{slug}/results, /c/{slug}/qr.png, /c/{slug}/qr.svg. STUB.</summary>
    public static IEndpointRouteBuilder MapFanPages(this IEndpointRouteBuilder app) => app;
}
