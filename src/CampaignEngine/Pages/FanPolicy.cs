using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Views;

namespace CampaignEngine.Pages;

/// <summary>
/// The Content-Security-Policy of a campaign's pages: the shell's, plus the hash of the campaign's
/// accent rule and the origins it lets frame it. A handful of distinct policies exist at any time,
/// so they are built once each.
/// </summary>
public static class FanPolicy
{
    private static readonly ConcurrentDictionary<(string? Style, string Origins, bool Live, bool Challenge, string? Captcha), string> Policies = new();

    /// <summary>
    /// <paramref name="live"/>: a results page, whose script refreshes the standing. Other pages of a campaign
    /// with proof of work on may run its solver (and fetch the challenge from this origin); those of a campaign
    /// with CAPTCHA on load that one provider's script and frames, and no other's.
    /// </summary>
    public static string For(Campaign campaign, bool live = false) =>
        For(BrandStyle(campaign), campaign.EmbedOrigins, live, challenge: !live && campaign.Protection.ProofOfWork is not null,
            captcha: live ? null : campaign.Protection.Captcha?.Provider);

    public static string For(string? brandStyle, IReadOnlyList<string> embedOrigins, bool live = false, bool challenge = false, string? captcha = null)
    {
        var shell = live ? HtmlPage.LiveContentSecurityPolicy : HtmlPage.ContentSecurityPolicy;
        if (brandStyle is null && embedOrigins.Count == 0 && !challenge && captcha is null) return shell;
        if (Policies.Count > 10_000) Policies.Clear();
        return Policies.GetOrAdd((brandStyle, string.Join(' ', embedOrigins), live, challenge, captcha), static key =>
        {
            var policy = key.Live ? HtmlPage.LiveContentSecurityPolicy : HtmlPage.ContentSecurityPolicy;
            if (key.Challenge)
            {
                policy = policy.Replace("default-src 'none';",
                    $"default-src 'none'; script-src '{FairPlay.Challenges.ChallengeScript.Hash}'; connect-src 'self';", StringComparison.Ordinal);
            }
            if (FairPlay.Captcha.CaptchaProvider.Find(key.Captcha) is { } provider)
            {
                foreach (var (directive, sources) in provider.Csp) policy = WithSources(policy, directive, sources);
            }
            if (key.Style is not null)
            {
                var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key.Style)));
                policy = policy.Replace("style-src ", $"style-src 'sha256-{hash}' ", StringComparison.Ordinal);
            }
            if (key.Origins.Length > 0)
            {
                policy = policy.Replace("frame-ancestors 'none'", "frame-ancestors " + key.Origins, StringComparison.Ordinal);
            }
            return policy;
        });
    }

    /// <summary>Adds <paramref name="sources"/> to a directive, which is added after default-src if the policy has none.</summary>
    private static string WithSources(string policy, string directive, string sources) =>
        policy.Contains(directive + " ", StringComparison.Ordinal)
            ? policy.Replace(directive + " ", $"{directive} {sources} ", StringComparison.Ordinal)
            : policy.Replace("default-src 'none';", $"default-src 'none'; {directive} {sources};", StringComparison.Ordinal);

    /// <summary>The one CSS rule a campaign adds: its accent (and a pale tint of it for highlights).</summary>
    public static string? BrandStyle(Campaign campaign) =>
        campaign.Brand.AccentColor is { } accent && Branding.RgbColor.TryParse(accent, out var color, out _)
            ? $":root{{--accent:{color};--accent-soft:{Tint(color)}}}"
            : null;

    public static PageBrand Brand(Campaign campaign, FanLinks links) => new(
        BrandStyle(campaign),
        campaign.Brand.LogoPath is null ? null : links.Media(campaign.Brand.LogoPath),
        campaign.Brand.CoverPath is null ? null : links.Media(campaign.Brand.CoverPath),
        campaign.Brand.RulesUrl,
        campaign.Brand.PrivacyUrl);

    /// <summary>The accent mixed nine parts white: a background dark text still reads on.</summary>
    private static string Tint(Branding.RgbColor color) =>
        $"#{Mix(color.R):x2}{Mix(color.G):x2}{Mix(color.B):x2}";

    private static int Mix(byte channel) => (int)Math.Round(channel * 0.1 + 255 * 0.9);
}
