using System.Text;
using CampaignEngine.FairPlay.Captcha;
using Microsoft.Extensions.Options;

namespace CampaignEngine.UnitTests.FairPlay;

/// <summary>Reading a provider's siteverify answer, and the engine's CAPTCHA settings.</summary>
public sealed class CaptchaAnswerTests
{
    private static CaptchaAnswer? Parse(string json) => CaptchaAnswer.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ASuccessfulAnswerCarriesItsHostname()
    {
        var answer = Parse("""{"success":true,"challenge_ts":"2026-06-01T12:00:00Z","hostname":"example.com","error-codes":[],"action":"","cdata":""}""")!;
        Assert.True(answer.Success);
        Assert.Empty(answer.ErrorCodes);
        Assert.Equal("example.com", answer.Hostname);
    }

    [Fact]
    public void AFailedAnswerCarriesItsErrorCodes()
    {
        var answer = Parse("""{"success":false,"error-codes":["invalid-input-response","timeout-or-duplicate",7]}""")!;
        Assert.False(answer.Success);
        Assert.Equal(["invalid-input-response", "timeout-or-duplicate"], answer.ErrorCodes);
        Assert.Null(answer.Hostname);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("[]")]
    [InlineData("""{"error-codes":[]}""")]
    [InlineData("""{"success":"true"}""")]
    [InlineData("""{"success":1}""")]
    [InlineData("""{"success":true""")]
    public void AnythingElseIsNoAnswer(string body) => Assert.Null(Parse(body));

    private static CaptchaKeys Keys(string provider, CaptchaProviderOptions options) =>
        new(Options.Create(new CaptchaOptions { Providers = new(StringComparer.OrdinalIgnoreCase) { [provider] = options } }));

    [Fact]
    public void AProviderWithoutAVerifyUrlUsesItsDocumentedOne()
    {
        Assert.Equal(new Uri("https://challenges.cloudflare.com/turnstile/v0/siteverify"),
            Keys("turnstile", new() { SiteKey = "s", Secret = "x" }).Find("turnstile")!.VerifyUrl);
        Assert.Equal(new Uri("https://api.hcaptcha.com/siteverify"), Keys("hcaptcha", new() { SiteKey = "s", Secret = "x", VerifyUrl = "" }).Find("hcaptcha")!.VerifyUrl);
        Assert.Equal(new Uri("https://www.google.com/recaptcha/api/siteverify"), Keys("recaptcha", new() { SiteKey = "s", Secret = "x" }).Find("recaptcha")!.VerifyUrl);
        Assert.Equal(new Uri("http://127.0.0.1:9/verify"),
            Keys("turnstile", new() { SiteKey = "s", Secret = "x", VerifyUrl = "http://127.0.0.1:9/verify" }).Find("turnstile")!.VerifyUrl);
    }

    [Fact]
    public void AProviderNeedsBothKeys()
    {
        Assert.Null(Keys("turnstile", new() { SiteKey = "s" }).Find("turnstile"));
        Assert.Null(Keys("turnstile", new() { Secret = "x" }).Find("turnstile"));
        Assert.Null(Keys("turnstile", new() { SiteKey = "s", Secret = "x" }).Find("hcaptcha"));
        Assert.Equal(["Captcha__Providers__turnstile__Secret"], Keys("turnstile", new() { SiteKey = "s", Secret = " " }).Missing("turnstile"));
    }

    [Fact]
    public void TheWidgetCarriesTheSiteKeyEscaped() =>
        Assert.Equal("""<div class="h-captcha" data-sitekey="a&quot;b"></div>""", Keys("hcaptcha", new() { SiteKey = "a\"b", Secret = "x" }).Find("hcaptcha")!.WidgetHtml);

    [Fact]
    public void TheWidgetSpeaksThePagesLanguageWhereItsProviderTakesIt()
    {
        Assert.Equal("""<div class="cf-turnstile" data-sitekey="s" data-language="ar"></div>""",
            Keys("turnstile", new() { SiteKey = "s", Secret = "x" }).Find("turnstile")!.WidgetFor("ar"));
        Assert.Equal("""<div class="g-recaptcha" data-sitekey="s"></div>""",
            Keys("recaptcha", new() { SiteKey = "s", Secret = "x" }).Find("recaptcha")!.WidgetFor("ar"));
        Assert.Equal(CaptchaProvider.Turnstile.ScriptUrl, CaptchaProvider.Turnstile.ScriptFor("ar"));
        Assert.Equal(CaptchaProvider.ReCaptcha.ScriptUrl + "?hl=pt-BR", CaptchaProvider.ReCaptcha.ScriptFor("pt-BR"));
        Assert.Equal(CaptchaProvider.HCaptcha.ScriptUrl + "?hl=a%26b", CaptchaProvider.HCaptcha.ScriptFor("a&b"));
    }

    [Theory]
    [InlineData("turnstile", null, true)]
    [InlineData("HCaptcha", "https://verify.example/siteverify", true)]
    [InlineData("friendly", null, false)]
    [InlineData("recaptcha", "/relative", false)]
    [InlineData("recaptcha", "ftp://verify.example/", false)]
    public void TheSettingsNameKnownProvidersAndAbsoluteVerifyUrls(string provider, string? verifyUrl, bool valid)
    {
        var options = new CaptchaOptions { Providers = new(StringComparer.OrdinalIgnoreCase) { [provider] = new() { VerifyUrl = verifyUrl } } };
        Assert.Equal(valid, new CaptchaOptionsValidator().Validate(null, options).Succeeded);
    }
}
