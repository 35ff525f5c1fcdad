using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay.Captcha;

public static class CaptchaServiceCollectionExtensions
{
    /// <summary>The optional CAPTCHA: provider keys from settings, the verify client, the gate the acceptor calls.</summary>
    public static IServiceCollection AddCaptcha(this IServiceCollection services)
    {
        services.AddOptions<CaptchaOptions>().BindConfiguration(CaptchaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CaptchaOptions>, CaptchaOptionsValidator>();
        services.AddHttpClient(CaptchaVerifier.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<CaptchaKeys>().AddSingleton<CaptchaVerifier>().AddSingleton<CaptchaGate>();
        return services;
    }
}
