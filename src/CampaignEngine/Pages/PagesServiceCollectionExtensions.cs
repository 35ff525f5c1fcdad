using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;

namespace CampaignEngine.Pages;

public static class PagesServiceCollectionExtensions
{
    public static IServiceCollection AddFanPages(this IServiceCollection services)
    {
        services.AddOptions<FanPagesOptions>().BindConfiguration(FanPagesOptions.Section);
        services.AddSingleton<PageTemplates>().AddSingleton<PageStrings>().AddSingleton<FanPageViews>();
        services.AddSingleton<QrCodes>().AddSingleton<RenderedPages>().AddSingleton<FanPages>();
        return services;
    }
}
