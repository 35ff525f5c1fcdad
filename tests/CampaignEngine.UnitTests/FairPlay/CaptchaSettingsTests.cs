using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.FairPlay.Captcha;
using CampaignEngine.UnitTests.Pages;
using Microsoft.Extensions.Options;
using static CampaignEngine.UnitTests.Kinds.TestKinds;

namespace CampaignEngine.UnitTests.FairPlay;

/// <summary><c>protection.captcha</c>: off unless asked for, a known provider with keys on this engine, named errors, editable by merge patch.</summary>
public sealed class CaptchaSettingsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z");

    /// <summary>An engine with Turnstile's keys only.</summary>
    private static readonly CaptchaKeys Keys = new(Options.Create(new CaptchaOptions
    {
        Providers = new(StringComparer.OrdinalIgnoreCase) { ["turnstile"] = new() { SiteKey = "site-key", Secret = "secret" }, ["hcaptcha"] = new() { SiteKey = "only-a-site-key" } },
    }));

    private static (ProtectionSettings? Settings, IReadOnlyDictionary<string, string[]> Errors) Read(string protection)
    {
        var request = JsonSerializer.Deserialize<CreateCampaignRequest>(
            $$"""{"kind":"poll","title":"Next flavour?","poll":{"options":[{"label":"Chocolate"},{"label":"Vanilla"}]},"protection":{{protection}}}""", EngineJson.Strict)!;
        var valid = CampaignValidator.Validate(request, All, Keys);
        return valid.Errors.Any ? (null, valid.Errors.ToDictionary()) : (CampaignProtection.Of(request), new Dictionary<string, string[]>());
    }

    private static Campaign Edit(Campaign campaign, string patch) =>
        CampaignEditor.Edit(campaign, JsonNode.Parse(patch)!.AsObject(), All, Now, Keys).Stored!.Campaign;

    [Fact]
    public void CaptchaIsOffUnlessAskedFor()
    {
        Assert.Null(ProtectionSettings.Default.Captcha);
        Assert.Null(Read("{}").Settings!.Captcha);
        Assert.Null(Read("""{"captcha":null}""").Settings!.Captcha);
    }

    [Fact]
    public void AProviderWithKeysIsTakenWithThirtyUnsolvedAnHourPerNetwork() =>
        Assert.Equal(new CaptchaSettings("turnstile", new NetworkLimit(30, 60)), Read("""{"captcha":{"provider":"turnstile"}}""").Settings!.Captcha);

    [Fact]
    public void TheFallbackIsTheCampaignsToSet() =>
        Assert.Equal(new CaptchaSettings("turnstile", new NetworkLimit(4, 120)),
            Read("""{"captcha":{"provider":"turnstile","unsolvedPerNetwork":{"limit":4,"windowMinutes":120}}}""").Settings!.Captcha);

    [Theory]
    [InlineData("""{"captcha":{}}""", "protection.captcha.provider", "Required")]
    [InlineData("""{"captcha":{"provider":"friendly"}}""", "protection.captcha.provider", "'turnstile', 'hcaptcha', 'recaptcha'")]
    [InlineData("""{"captcha":{"provider":"Turnstile"}}""", "protection.captcha.provider", "Unknown provider")]
    [InlineData("""{"captcha":{"provider":"turnstile","unsolvedPerNetwork":{"limit":0}}}""", "protection.captcha.unsolvedPerNetwork.limit", "Between 1")]
    [InlineData("""{"captcha":{"provider":"turnstile","unsolvedPerNetwork":{"limit":3,"windowMinutes":2000}}}""", "protection.captcha.unsolvedPerNetwork.windowMinutes", "1440")]
    public void BadSettingsAreNamed(string protection, string field, string says) =>
        Assert.Contains(says, Assert.Contains(field, Read(protection).Errors)[0]);

    [Theory]
    [InlineData("recaptcha", "Captcha__Providers__recaptcha__SiteKey and Captcha__Providers__recaptcha__Secret")]
    [InlineData("hcaptcha", "set Captcha__Providers__hcaptcha__Secret in")]
    public void AProviderThisEngineHasNoKeysForSaysWhichSettingsAreMissing(string provider, string says) =>
        Assert.Contains(says, Assert.Contains("protection.captcha.provider", Read($$$"""{"captcha":{"provider":"{{{provider}}}"}}""").Errors)[0]);

    [Fact]
    public void AnUnknownFieldInTheSectionIsRefused() =>
        Assert.Throws<JsonException>(() => Read("""{"captcha":{"provider":"turnstile","secret":"x"}}"""));

    [Fact]
    public void TheDocumentAPatchEditsDescribesItInTheShapeARequestSends()
    {
        var campaign = PageFixtures.Poll() with { Protection = ProtectionSettings.Default with { Captcha = new("turnstile", new NetworkLimit(7, 30)) } };

        var document = CampaignEditor.Document(campaign, All.Get("poll"));

        Assert.Equal("""{"provider":"turnstile","unsolvedPerNetwork":{"limit":7,"windowMinutes":30}}""", document["protection"]!["captcha"]!.ToJsonString());
        Assert.Null(CampaignEditor.Document(PageFixtures.Poll(), All.Get("poll"))["protection"]!["captcha"]);
    }

    [Fact]
    public void AMergePatchTurnsItOnAndOffKeepingTheLimits()
    {
        var live = PageFixtures.Poll() with { Protection = new ProtectionSettings(null, new NetworkLimit(300, 30)) };

        var on = Edit(live, """{"protection":{"captcha":{"provider":"turnstile"}}}""");
        Assert.Equal(new CaptchaSettings("turnstile", new NetworkLimit(30, 60)), on.Protection.Captcha);
        Assert.Null(on.Protection.PerAddress);
        Assert.Equal(new NetworkLimit(300, 30), on.Protection.PerNetwork);

        var off = Edit(on, """{"protection":{"captcha":null}}""");
        Assert.Null(off.Protection.Captcha);
        Assert.Equal(on.Protection with { Captcha = null }, off.Protection);
    }

    [Fact]
    public void APatchCannotNameAProviderWithoutKeys()
    {
        var outcome = CampaignEditor.Edit(PageFixtures.Poll(), JsonNode.Parse("""{"protection":{"captcha":{"provider":"recaptcha"}}}""")!.AsObject(), All, Now, Keys);
        Assert.Contains("protection.captcha.provider", outcome.Invalid!.Keys);
    }
}
