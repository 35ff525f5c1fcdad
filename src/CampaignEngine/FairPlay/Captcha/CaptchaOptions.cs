using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay.Captcha;

/// <summary>
/// Engine-wide CAPTCHA settings (bound from <c>Captcha</c>): each provider's keys, never a campaign's
/// fields, so a campaign document or export never holds a secret. A campaign only names the provider.
/// </summary>
public sealed class CaptchaOptions
{
    public const string Section = "Captcha";

    /// <summary>By provider name (<c>Captcha__Providers__turnstile__Secret</c>).</summary>
    public Dictionary<string, CaptchaProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one verify call may take before the fan is told to try again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")] public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class CaptchaProviderOptions
{
    /// <summary>Public: it goes into the widget's markup.</summary>
    public string? SiteKey { get; set; }

    public string? Secret { get; set; }

    /// <summary>Empty: the provider's documented siteverify address.</summary>
    public string? VerifyUrl { get; set; }
}

/// <summary>Refuses, at start, keys for a provider the engine does not know and a verify address that is not absolute http(s).</summary>
public sealed class CaptchaOptionsValidator : IValidateOptions<CaptchaOptions>
{
    public ValidateOptionsResult Validate(string? name, CaptchaOptions options)
    {
        var failures = new List<string>();
        foreach (var (provider, keys) in options.Providers)
        {
            if (CaptchaProvider.Find(provider.ToLowerInvariant()) is null)
                failures.Add($"Captcha:Providers:{provider} is not a provider the engine knows ({CaptchaProvider.Names}).");
            if (!string.IsNullOrEmpty(keys.VerifyUrl)
                && !(Uri.TryCreate(keys.VerifyUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
                failures.Add($"Captcha:Providers:{provider}:VerifyUrl must be an absolute http(s) address, or empty for the provider's own.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
