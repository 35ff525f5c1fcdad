namespace CampaignEngine.FairPlay.Captcha;

/// <summary>
/// What the engine knows of one CAPTCHA provider: the form field its widget fills, the widget's
/// markup and script, the origins its script and frames come from (for the campaign's CSP), and its
/// documented server-side verify address. Keys come from settings (<see cref="CaptchaOptions"/>).
/// </summary>
/// <param name="Csp">The sources each CSP directive must add, as the provider documents them.</param>
/// <param name="LanguageParameter">
/// The script's query parameter for the widget's language (hCaptcha and reCAPTCHA: <c>hl</c>); null for a
/// provider that reads it from the widget instead (Turnstile: <c>data-language</c>).
/// </param>
public sealed record CaptchaProvider(
    string Name, string ResponseField, string WidgetClass, string ScriptUrl, string VerifyUrl, IReadOnlyDictionary<string, string> Csp,
    string? LanguageParameter = "hl")
{
    /// <summary>The script for a page in <paramref name="language"/> (the campaign's locale).</summary>
    public string ScriptFor(string language) =>
        LanguageParameter is null ? ScriptUrl : $"{ScriptUrl}?{LanguageParameter}={Uri.EscapeDataString(language)}";

    public static readonly CaptchaProvider Turnstile = new("turnstile", "cf-turnstile-response", "cf-turnstile",
        "https://challenges.cloudflare.com/turnstile/v0/api.js", "https://challenges.cloudflare.com/turnstile/v0/siteverify",
        new Dictionary<string, string> { ["script-src"] = "https://challenges.cloudflare.com", ["frame-src"] = "https://challenges.cloudflare.com" },
        LanguageParameter: null);

    private const string HCaptchaOrigins = "https://hcaptcha.com https://*.hcaptcha.com";

    public static readonly CaptchaProvider HCaptcha = new("hcaptcha", "h-captcha-response", "h-captcha",
        "https://js.hcaptcha.com/1/api.js", "https://api.hcaptcha.com/siteverify",
        new Dictionary<string, string>
        {
            ["script-src"] = HCaptchaOrigins, ["frame-src"] = HCaptchaOrigins, ["style-src"] = HCaptchaOrigins, ["connect-src"] = HCaptchaOrigins,
        });

    public static readonly CaptchaProvider ReCaptcha = new("recaptcha", "g-recaptcha-response", "g-recaptcha",
        "https://www.google.com/recaptcha/api.js", "https://www.google.com/recaptcha/api/siteverify",
        new Dictionary<string, string>
        {
            ["script-src"] = "https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/",
            ["frame-src"] = "https://www.google.com/recaptcha/ https://recaptcha.google.com/recaptcha/",
        });

    public static readonly IReadOnlyList<CaptchaProvider> All = [Turnstile, HCaptcha, ReCaptcha];

    public static string Names => string.Join(", ", All.Select(p => $"'{p.Name}'"));

    public static CaptchaProvider? Find(string? name) => All.FirstOrDefault(p => p.Name == name);
}
