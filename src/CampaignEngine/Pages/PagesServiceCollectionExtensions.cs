using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;

namespace CampaignEngine.Pages;

public static class PagesServiceCollectionExtensions
{
    public static IServiceCollection AddFanPages(this IServiceCollection services)
    {
        services.AddOptions<FanPagesOptions>().BindConfiguration(FanPagesOptions.Section);
        // The kinds are asked for their strings when the tables are built (MapFanPages), not here: their pages need FanPageViews.
        services.AddSingleton(sp => new PageStrings(() => sp.GetRequiredService<CampaignKinds>().All));
        services.AddSingleton<PageTemplates>().AddSingleton<FanPageViews>();
        services.AddSingleton<QrCodes>().AddSingleton<RenderedPages>().AddSingleton<FanPages>();
        return services;
    }
}
