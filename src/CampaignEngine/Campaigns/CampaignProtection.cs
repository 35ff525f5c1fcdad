using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CampaignEngine.Kinds;

namespace CampaignEngine.Campaigns;

/// <summary>
/// What a campaign holds against one network flooding it, whatever its kind: at most so many accepted
/// submissions per action from one address, and from one network (/24 for IPv4, /64 for IPv6), over a
/// sliding window. A null limit is off. <see cref="FairPlay.NetworkLimiter"/> enforces them. Optionally a
/// proof-of-work challenge (<see cref="FairPlay.Challenges.ChallengeGate"/>) and a CAPTCHA (<see cref="FairPlay.Captcha.CaptchaGate"/>).
/// </summary>
public sealed record ProtectionSettings(
    [property: Description("Accepted submissions (per action) from one IP address within the window; null when off.")] NetworkLimit? PerAddress,
    [property: Description("Accepted submissions (per action) from one network, a /24 (IPv4) or /64 (IPv6), within the window; null when off.")] NetworkLimit? PerNetwork,
    [property: Description("The proof-of-work challenge the campaign page's script solves; null when off.")] ProofOfWorkSettings? ProofOfWork = null,
    [property: Description("The third-party CAPTCHA the campaign's form carries; null when off.")] CaptchaSettings? Captcha = null)
{
    /// <summary>
    /// Generous on purpose: hundreds of fans behind one venue Wi-Fi, office or mobile-carrier address
    /// take part unhindered, while one machine scripting fresh devices adds at most 2,000 an hour.
    /// </summary>
    public static readonly ProtectionSettings Default = new(new NetworkLimit(2_000, 60), new NetworkLimit(10_000, 60));

    public static readonly ProtectionSettings Off = new(null, null);

    [JsonIgnore] public bool Any => PerAddress is not null || PerNetwork is not null;
}

/// <summary>
/// A challenge the fan's browser solves before a submission counts: a nonce whose SHA-256 with the
/// challenge starts with <see cref="Difficulty"/> zero bits. Submissions sent without a solution (no
/// JavaScript) are still taken, up to <see cref="UnsolvedPerNetwork"/> per network.
/// </summary>
public sealed record ProofOfWorkSettings(
    [property: Description("Leading zero bits the solution's SHA-256 must have; each bit doubles the fan's work (16: about 65,000 hashes).")] int Difficulty,
    [property: Description("Submissions without a solution (JavaScript off) accepted from one network, a /24 or /64, within the window.")] NetworkLimit UnsolvedPerNetwork)
{
    public const int DefaultDifficulty = 16;
    public static readonly NetworkLimit DefaultUnsolvedPerNetwork = new(30, 60);
}

/// <summary>
/// A provider's CAPTCHA widget on the campaign's form, verified server-side; its keys are engine
/// settings. Submissions without a token (no JavaScript) are taken up to <see cref="UnsolvedPerNetwork"/> per network.
/// </summary>
public sealed record CaptchaSettings(
    [property: Description("The provider: turnstile, hcaptcha or recaptcha.")] string Provider,
    [property: Description("Submissions without a token (JavaScript off) accepted from one network, a /24 or /64, within the window.")] NetworkLimit UnsolvedPerNetwork);

/// <summary>At most <see cref="Limit"/> accepted submissions within the last <see cref="WindowMinutes"/>.</summary>
public sealed record NetworkLimit(
    [property: Description("How many accepted submissions the window holds.")] int Limit,
    [property: Description("The sliding window, in minutes.")] int WindowMinutes)
{
    [JsonIgnore] public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);
}

[Description("Limits per network, on every kind of campaign. Leave a limit out for its default; null or a limit of 0 turns it off.")]
public sealed record ProtectionRequest
{
    private readonly NetworkLimitRequest? perAddress;
    private readonly NetworkLimitRequest? perNetwork;

    [Description("Accepted submissions from one IP address (default 2,000 in 60 minutes). A whole venue on one Wi-Fi shares one address.")]
    public NetworkLimitRequest? PerAddress { get => perAddress; init { perAddress = value; PerAddressGiven = true; } }

    [Description("Accepted submissions from one network, a /24 (IPv4) or /64 (IPv6) (default 10,000 in 60 minutes).")]
    public NetworkLimitRequest? PerNetwork { get => perNetwork; init { perNetwork = value; PerNetworkGiven = true; } }

    [Description("A proof-of-work challenge served and checked by the engine, solved by the campaign page's script; off when absent or null.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProofOfWorkRequest? ProofOfWork { get; init; }

    [Description("A CAPTCHA from a third-party provider on the campaign's form, verified by the engine; off when absent or null. The provider sees the fan's browser.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CaptchaRequest? Captcha { get; init; }

    // Whether the field was sent at all: absent keeps the default, an explicit null turns the limit off.
    [JsonIgnore] public bool PerAddressGiven { get; private init; }
    [JsonIgnore] public bool PerNetworkGiven { get; private init; }
}

[Description("At most so many accepted submissions (per action) within a sliding window.")]
public sealed record NetworkLimitRequest
{
    [Required, Range(0, CampaignProtection.MaxLimit)]
    [Description("How many accepted submissions the window holds; 0 turns the limit off.")]
    public int? Limit { get; init; }

    [Range(CampaignProtection.MinWindowMinutes, CampaignProtection.MaxWindowMinutes)]
    [Description("The sliding window in minutes (1 to 1440); 60 when absent.")]
    public int? WindowMinutes { get; init; }
}

[Description("A challenge the fan's browser solves before a submission counts; fans without JavaScript are held to a stricter limit instead.")]
public sealed record ProofOfWorkRequest
{
    [Range(CampaignProtection.MinDifficulty, CampaignProtection.MaxDifficulty)]
    [Description("Leading zero bits (1 to 24; 16 when absent, well under a second on a phone). Each bit doubles the work of fans and of scripts alike.")]
    public int? Difficulty { get; init; }

    [Description("Submissions without a solution (JavaScript off) accepted from one network (default 30 in 60 minutes); limit 1 or more.")]
    public NetworkLimitRequest? UnsolvedPerNetwork { get; init; }
}

[Description("A CAPTCHA widget on the campaign's form, verified with the provider; the engine must hold that provider's keys (settings Captcha__Providers__{provider}__SiteKey and __Secret).")]
public sealed record CaptchaRequest
{
    [Description("turnstile (Cloudflare), hcaptcha or recaptcha (Google, v2 checkbox).")]
    public string? Provider { get; init; }

    [Description("Submissions without a token (JavaScript off) accepted from one network (default 30 in 60 minutes); limit 1 or more.")]
    public NetworkLimitRequest? UnsolvedPerNetwork { get; init; }
}

/// <summary>Reading, checking and describing <see cref="ProtectionSettings"/> as the API sends them.</summary>
public static class CampaignProtection
{
    public const int MaxLimit = 1_000_000;
    public const int MinWindowMinutes = 1;
    public const int MaxWindowMinutes = 1440;
    public const int DefaultWindowMinutes = 60;
    public const int MinDifficulty = 1;
    public const int MaxDifficulty = 24;
    private static readonly string[] Scopes = ["perAddress", "perNetwork"];

    /// <param name="captchaKeys">The engine's CAPTCHA keys; null skips the check that the named provider has them.</param>
    public static void Check(CreateCampaignRequest request, FieldErrors errors, FairPlay.Captcha.CaptchaKeys? captchaKeys = null)
    {
        if (request.Protection is not { } protection) return;
        CheckLimit(protection.PerAddress, "protection.perAddress", errors);
        CheckLimit(protection.PerNetwork, "protection.perNetwork", errors);
        if (protection.Captcha is { } captcha) CheckCaptcha(captcha, errors, captchaKeys);
        if (protection.ProofOfWork is not { } work) return;
        if (work.Difficulty is < MinDifficulty or > MaxDifficulty)
            errors.Add("protection.proofOfWork.difficulty", $"Between {MinDifficulty} and {MaxDifficulty} bits (16 when absent).");
        CheckUnsolved(work.UnsolvedPerNetwork, "protection.proofOfWork.unsolvedPerNetwork", errors);
    }

    private static void CheckCaptcha(CaptchaRequest captcha, FieldErrors errors, FairPlay.Captcha.CaptchaKeys? keys)
    {
        var names = FairPlay.Captcha.CaptchaProvider.Names;
        if (captcha.Provider is null) errors.Add("protection.captcha.provider", $"Required: one of {names}.");
        else if (FairPlay.Captcha.CaptchaProvider.Find(captcha.Provider) is null)
            errors.Add("protection.captcha.provider", $"Unknown provider; use one of {names}.");
        else if (keys?.Missing(captcha.Provider) is { Count: > 0 } missing)
            errors.Add("protection.captcha.provider", $"This engine has no keys for {captcha.Provider}: set {string.Join(" and ", missing)} in its settings, or choose another provider.");
        CheckUnsolved(captcha.UnsolvedPerNetwork, "protection.captcha.unsolvedPerNetwork", errors);
    }

    private static void CheckUnsolved(NetworkLimitRequest? unsolved, string field, FieldErrors errors)
    {
        if (unsolved is null) return;
        // Off is not offered: without this limit a script would simply never solve.
        if (unsolved.Limit is 0) errors.Add(field + ".limit", $"Between 1 and {MaxLimit:N0}; leave it out for the default.");
        else CheckLimit(unsolved, field, errors);
    }

    private static void CheckLimit(NetworkLimitRequest? limit, string field, FieldErrors errors)
    {
        if (limit is null) return;
        if (limit.Limit is null) errors.Add(field + ".limit", "Required: a number of submissions, or 0 to turn the limit off.");
        else if (limit.Limit is < 0 or > MaxLimit) errors.Add(field + ".limit", $"Between 0 (off) and {MaxLimit:N0}.");
        if (limit.WindowMinutes is < MinWindowMinutes or > MaxWindowMinutes)
            errors.Add(field + ".windowMinutes", $"Between {MinWindowMinutes} and {MaxWindowMinutes} minutes (a day).");
    }

    /// <summary>The settings a request asks for (it passed <see cref="Check"/>): absent parts keep the defaults.</summary>
    public static ProtectionSettings Of(CreateCampaignRequest request)
    {
        if (!request.ProtectionGiven) return ProtectionSettings.Default;
        if (request.Protection is not { } p) return ProtectionSettings.Off;
        return new ProtectionSettings(
            p.PerAddressGiven ? LimitOf(p.PerAddress) : ProtectionSettings.Default.PerAddress,
            p.PerNetworkGiven ? LimitOf(p.PerNetwork) : ProtectionSettings.Default.PerNetwork,
            p.ProofOfWork is { } work
                ? new ProofOfWorkSettings(work.Difficulty ?? ProofOfWorkSettings.DefaultDifficulty,
                    LimitOf(work.UnsolvedPerNetwork) ?? ProofOfWorkSettings.DefaultUnsolvedPerNetwork)
                : null,
            p.Captcha is { Provider: { } provider } captcha
                ? new CaptchaSettings(provider, LimitOf(captcha.UnsolvedPerNetwork) ?? ProofOfWorkSettings.DefaultUnsolvedPerNetwork)
                : null);
    }

    private static NetworkLimit? LimitOf(NetworkLimitRequest? limit) =>
        limit is { Limit: > 0 and var n } ? new NetworkLimit(n, limit.WindowMinutes ?? DefaultWindowMinutes) : null;

    /// <summary>The settings as a create request would send them; a limit that is off is an explicit null.</summary>
    public static ProtectionRequest Describe(ProtectionSettings settings) => new()
    {
        PerAddress = RequestOf(settings.PerAddress),
        PerNetwork = RequestOf(settings.PerNetwork),
        ProofOfWork = settings.ProofOfWork is { } work
            ? new ProofOfWorkRequest { Difficulty = work.Difficulty, UnsolvedPerNetwork = RequestOf(work.UnsolvedPerNetwork) }
            : null,
        Captcha = settings.Captcha is { } captcha
            ? new CaptchaRequest { Provider = captcha.Provider, UnsolvedPerNetwork = RequestOf(captcha.UnsolvedPerNetwork) }
            : null,
    };

    private static NetworkLimitRequest? RequestOf(NetworkLimit? limit) =>
        limit is null ? null : new NetworkLimitRequest { Limit = limit.Limit, WindowMinutes = limit.WindowMinutes };

    /// <summary>
    /// A merge patch removes what it sets to null, which would bring a limit's default back; here null
    /// means off, as in a create request, so the patched document keeps those nulls explicitly.
    /// </summary>
    public static void KeepOffs(JsonObject patch, JsonObject patched)
    {
        if (!patch.TryGetPropertyValue("protection", out var node)) return;
        if (node is null)
        {
            patched["protection"] = new JsonObject { ["perAddress"] = null, ["perNetwork"] = null };
            return;
        }
        if (node is not JsonObject sent || patched["protection"] is not JsonObject result) return;
        foreach (var scope in Scopes)
        {
            if (sent.TryGetPropertyValue(scope, out var value) && value is null) result[scope] = null;
        }
    }
}
