using CampaignEngine.FairPlay.Captcha;
using CampaignEngine.FairPlay.Challenges;

namespace CampaignEngine.FairPlay;

public static class FairPlayServiceCollectionExtensions
{
    /// <summary>Per-campaign limits per address and per network, shared across instances through storage, the proof-of-work challenge and the optional CAPTCHA.</summary>
    public static IServiceCollection AddFairPlay(this IServiceCollection services)
    {
        services.AddOptions<NetworkLimitOptions>().BindConfiguration(NetworkLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NetworkLimiter>().AddSingleton<NetworkLimitStore>();
        services.AddSingleton<NetworkLimitSync>().AddHostedService(s => s.GetRequiredService<NetworkLimitSync>());
        services.AddChallenges();
        services.AddCaptcha();
        return services;
    }
}
