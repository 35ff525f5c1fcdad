using System.Globalization;
using System.Security.Cryptography;
using CampaignEngine.Submissions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay.Challenges;

public enum ChallengeState
{
    Valid,
    /// <summary>Nothing was sent: the fan's browser ran no script (the fallback limit applies).</summary>
    Missing,
    /// <summary>Not one the engine signed for this campaign and this device: malformed, forged, another campaign's or another device's.</summary>
    Invalid,
    Expired,
    /// <summary>Signed for fewer bits than the campaign now asks for.</summary>
    TooEasy,
    /// <summary>The nonce does not give the hash its zero bits.</summary>
    WrongSolution,
    /// <summary>Already used for a submission (each counts once).</summary>
    Reused,
}

/// <summary>A challenge as issued: the text the fan's browser hashes, and what it says.</summary>
/// <param name="NewDevice">
/// Issued together with the device cookie it is bound to, so that device had taken part nowhere before:
/// the submission that spends it (once, by single use) needs no look into the ledger.
/// </param>
public sealed record IssuedChallenge(string Token, string Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, int Difficulty, bool NewDevice);

/// <summary>
/// Challenges are <c>{id}.{issued unix seconds}.{difficulty}.{HMAC}</c>, the difficulty followed by <c>n</c>
/// when the device was minted with the challenge, the HMAC over the campaign, the device, the id, the time
/// and the difficulty (with its mark) under the engine's key (<see cref="VoterCookies.KeyedHash"/>,
/// as <see cref="FormTokens"/> are). So any instance can check one without storage, and one solved on
/// one device or for one campaign is worth nothing on another; the random id is what single use keys on.
/// </summary>
public sealed class ChallengeTokens(VoterCookies cookies, TimeProvider time, IOptions<ChallengeOptions> options)
{
    public const int MaxLength = 100;

    /// <summary>Instances' clocks differ a little: a challenge from one slightly ahead is not from the future.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    public TimeSpan Lifetime => options.Value.Lifetime;

    /// <summary>Marks a difficulty whose challenge came with a freshly minted device.</summary>
    private const string NewDeviceMark = "n";

    public IssuedChallenge Issue(string slug, string deviceId, int difficulty, bool newDevice = false) =>
        Issue(slug, deviceId, difficulty, time.GetUtcNow(), newDevice);

    public IssuedChallenge Issue(string slug, string deviceId, int difficulty, DateTimeOffset at, bool newDevice = false)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var issued = at.ToUnixTimeSeconds();
        var payload = string.Create(CultureInfo.InvariantCulture, $"{id}.{issued}.{difficulty}{(newDevice ? NewDeviceMark : "")}");
        var token = payload + "." + WebEncoders.Base64UrlEncode(Mac(slug, deviceId, payload));
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(issued);
        return new IssuedChallenge(token, id, issuedAt, issuedAt + Lifetime, difficulty, newDevice);
    }

    /// <summary>Whether <paramref name="token"/> is a live challenge of this campaign and device; <paramref name="challenge"/> says what it holds.</summary>
    public ChallengeState Check(string slug, string deviceId, string? token, out IssuedChallenge? challenge)
    {
        challenge = null;
        if (string.IsNullOrEmpty(token)) return ChallengeState.Missing;
        if (token.Length > MaxLength) return ChallengeState.Invalid;
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0].Length != 22) return ChallengeState.Invalid;
        var newDevice = parts[2].EndsWith(NewDeviceMark, StringComparison.Ordinal);
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !int.TryParse(newDevice ? parts[2].AsSpan(0, parts[2].Length - 1) : parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var difficulty))
        {
            return ChallengeState.Invalid;
        }
        byte[] given;
        try { given = WebEncoders.Base64UrlDecode(parts[3]); }
        catch (FormatException) { return ChallengeState.Invalid; }
        if (!CryptographicOperations.FixedTimeEquals(Mac(slug, deviceId, token[..token.LastIndexOf('.')]), given)) return ChallengeState.Invalid;

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 1));
        challenge = new IssuedChallenge(token, parts[0], issuedAt, issuedAt + Lifetime, difficulty, newDevice);
        var now = time.GetUtcNow();
        return now <= challenge.ExpiresAt && issuedAt - now <= Skew ? ChallengeState.Valid : ChallengeState.Expired;
    }

    // No device id or base64url id holds '|', so the fields cannot run into each other.
    private ReadOnlySpan<byte> Mac(string slug, string deviceId, string payload) =>
        cookies.KeyedHash($"challenge|{slug}|{deviceId}|{payload}").AsSpan(0, 16);
}
