using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignEngine.Submissions;

public enum FormTokenState
{
    Valid,
    Missing,
    /// <summary>Not one the engine signed for this campaign: malformed, tampered with, or another campaign's.</summary>
    Invalid,
    Expired,
}

/// <summary>
/// The hidden field every fan form carries: <c>{issued unix seconds}.{HMAC}</c> over the campaign and
/// the issue time, under the device cookie's key. It is the last layer of <see cref="FormOrigin"/>,
/// asked only when the browser sent no Sec-Fetch-Site, Origin or Referer.
/// </summary>
/// <remarks>
/// Bound to the campaign, not to the device: a first-time fan has no device cookie when the shared
/// page (one rendering for everyone, <c>Vary: Cookie</c>) is rendered, and as long as campaign-wide
/// tokens pass for every fan, binding per-fan pages' tokens to a device would stop nobody. Anyone can
/// fetch a page and read a token; what it cannot do is make a current browser post without the
/// Origin and Sec-Fetch-Site that the earlier layers refuse. So the token stops form posts from pages
/// that never saw ours (most forgeries, replays of old forms), and it keeps origin-less posts from
/// being trusted blindly; it is not proof of who the fan is.
/// </remarks>
public sealed class FormTokens(VoterCookies cookies, TimeProvider time)
{
    /// <summary>The form field's name, in every kind's form.</summary>
    public const string Field = "ce_token";

    /// <summary>How long a token is taken: long enough for a tab left open overnight.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Shared pages are rendered again at least this often, so a served token has most of its life left.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromHours(1);

    /// <summary>Instances' clocks differ a little: a token issued by one slightly ahead is not from the future.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public string Issue(string slug) => Issue(slug, time.GetUtcNow());

    public string Issue(string slug, DateTimeOffset at)
    {
        var issued = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return issued + "." + WebEncoders.Base64UrlEncode(Mac(slug, issued));
    }

    /// <summary>Which rendering of a shared page is current: a new one starts every <see cref="RenewEvery"/>.</summary>
    public long Generation() => time.GetUtcNow().ToUnixTimeSeconds() / (long)RenewEvery.TotalSeconds;

    public FormTokenState Check(string slug, string? token)
    {
        if (string.IsNullOrEmpty(token)) return FormTokenState.Missing;
        var dot = token.IndexOf('.');
        if (dot <= 0 || token.Length > 64) return FormTokenState.Invalid;
        var issued = token[..dot];
        if (!long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return FormTokenState.Invalid;
        byte[] given;
        try { given = WebEncoders.Base64UrlDecode(token[(dot + 1)..]); }
        catch (FormatException) { return FormTokenState.Invalid; }
        if (!CryptographicOperations.FixedTimeEquals(Mac(slug, issued), given)) return FormTokenState.Invalid;

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        return age <= Lifetime && age >= -Skew ? FormTokenState.Valid : FormTokenState.Expired;
    }

    private ReadOnlySpan<byte> Mac(string slug, string issued) => cookies.KeyedHash($"form|{slug}|{issued}").AsSpan(0, 16);
}
