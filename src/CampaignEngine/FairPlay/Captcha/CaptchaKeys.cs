using System.Net;
using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay.Captcha;

/// <summary>A provider with the keys this engine holds for it.</summary>
public sealed record ConfiguredCaptcha(CaptchaProvider Provider, string SiteKey, string Secret, Uri VerifyUrl)
{
    /// <summary>The widget a form carries: the same for every fan, so shared pages stay shared.</summary>
    public string WidgetHtml => WidgetFor(null);

    /// <summary>The widget for a page in <paramref name="language"/>, for providers that take it on the widget (Turnstile).</summary>
    public string WidgetFor(string? language) =>
        $"<div class=\"{Provider.WidgetClass}\" data-sitekey=\"{WebUtility.HtmlEncode(SiteKey)}\"" +
        (language is not null && Provider.LanguageParameter is null ? $" data-language=\"{WebUtility.HtmlEncode(language)}\"" : "") + "></div>";
}

/// <summary>Which providers this engine has keys for, and what a campaign naming one without them lacks.</summary>
public sealed class CaptchaKeys(IOptions<CaptchaOptions> options)
{
    public ConfiguredCaptcha? Find(string? provider)
    {
        if (CaptchaProvider.Find(provider) is not { } known) return null;
        if (!options.Value.Providers.TryGetValue(known.Name, out var keys)) return null;
        if (string.IsNullOrWhiteSpace(keys.SiteKey) || string.IsNullOrWhiteSpace(keys.Secret)) return null;
        var url = string.IsNullOrEmpty(keys.VerifyUrl) ? known.VerifyUrl : keys.VerifyUrl;
        return new ConfiguredCaptcha(known, keys.SiteKey, keys.Secret, new Uri(url, UriKind.Absolute));
    }

    /// <summary>The settings a known provider still needs on this engine (empty when it has them all).</summary>
    public IReadOnlyList<string> Missing(string provider)
    {
        options.Value.Providers.TryGetValue(provider, out var keys);
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(keys?.SiteKey)) missing.Add($"{CaptchaOptions.Section}__Providers__{provider}__SiteKey");
        if (string.IsNullOrWhiteSpace(keys?.Secret)) missing.Add($"{CaptchaOptions.Section}__Providers__{provider}__Secret");
        return missing;
    }
}
