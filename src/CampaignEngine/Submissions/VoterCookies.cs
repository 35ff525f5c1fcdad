using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Submissions;

/// <summary>
/// Fans are told apart by a signed first-party device cookie. A second, per-campaign cookie
/// remembers how many votes this device has used in the current period, so the usual repeat vote
/// is refused without a storage read. Neither cookie holds personal data.
/// </summary>
public sealed class VoterCookies
{
    public const string DeviceCookie = "ce_device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);
    private readonly byte[] key;

    public VoterCookies(IOptions<EngineOptions> options, ILogger<VoterCookies> logger)
    {
        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.CookieSecret))
        {
            key = SHA256.HashData(Encoding.UTF8.GetBytes(settings.CookieSecret));
        }
        else if (!string.IsNullOrEmpty(settings.AdminApiKey))
        {
            key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.AdminApiKey), "campaign-engine/device-cookie"u8);
        }
        else
        {
            key = RandomNumberGenerator.GetBytes(32);
            logger.LogWarning("No CookieSecret or AdminApiKey configured: device cookies will not survive a restart");
        }
    }

    /// <summary>The per-campaign cookie of one action; polls' votes (action "v") keep the name they always had.</summary>
    public static string LedgerCookie(string slug, string action = "v") => "ce_" + action + "_" + slug;

    public string? ReadDevice(HttpRequest request) =>
        request.Cookies.TryGetValue(DeviceCookie, out var value) && Unsign(value) is { } id && id.Length == 22 ? id : null;

    public static string NewDeviceId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    public void WriteDevice(HttpResponse response, string deviceId) =>
        response.Cookies.Append(DeviceCookie, Sign(deviceId), Options(response.HttpContext.Request, "/"));

    /// <summary>How many times this device has taken the action in <paramref name="period"/>; null when the cookie is absent or stale.</summary>
    public int? ReadUsed(HttpRequest request, string slug, string action, string deviceId, string period) =>
        ReadLedger(request, slug, action, deviceId, period)?.Used;

    /// <summary>The ledger cookie: how many times, and what the last submission was (so a returning fan sees their choice).</summary>
    public LedgerEntry? ReadLedger(HttpRequest request, string slug, string action, string deviceId, string period)
    {
        if (!request.Cookies.TryGetValue(LedgerCookie(slug, action), out var value) || Unsign(value) is not { } payload) return null;
        var parts = payload.Split('.');
        if (parts.Length is not (3 or 4) || parts[0] != deviceId || parts[1] != period
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var used)) return null;
        string? data = null;
        if (parts.Length == 4)
        {
            try { data = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[3])); }
            catch (FormatException) { return new LedgerEntry(used, null); }
        }
        return new LedgerEntry(used, data);
    }

    public void WriteUsed(HttpResponse response, string slug, string action, string deviceId, string period, int used, string? data = null)
    {
        // Only short data rides along (a poll's choice); a long one (a survey's answers) is not worth a fat cookie.
        var tail = data is { Length: > 0 and <= MaxLedgerData } ? "." + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(data)) : "";
        response.Cookies.Append(LedgerCookie(slug, action), Sign(string.Create(CultureInfo.InvariantCulture, $"{deviceId}.{period}.{used}{tail}")),
            Options(response.HttpContext.Request, "/c/" + slug));
    }

    private const int MaxLedgerData = 300;

    /// <summary>The voter's key for one campaign: a keyed hash, so devices cannot be linked across campaigns.</summary>
    public string VoterKey(string slug, string deviceId) => Convert.ToHexStringLower(Mac($"voter|{slug}|{deviceId}").AsSpan(0, 16));

    /// <summary>
    /// The device of a request that has no device cookie but an Idempotency-Key. The answer that
    /// would have set the cookie may be the one that was lost, so a retry must be the same voter.
    /// </summary>
    public string DeviceForRequest(string idempotencyKey) => WebEncoders.Base64UrlEncode(Mac("device|" + idempotencyKey).AsSpan(0, 16));

    /// <summary>What a vote row keeps of the Idempotency-Key that cast it: a keyed hash, never the key.</summary>
    public string RequestKey(string slug, string idempotencyKey) => Convert.ToHexStringLower(Mac($"request|{slug}|{idempotencyKey}").AsSpan(0, 12));

    /// <summary>
    /// A vote's receipt, derived from the vote's row: every request that ends in the same counted
    /// vote (a retry after a lost answer) is answered with the same receipt.
    /// </summary>
    public string Receipt(string action, string voterKey, string period, int slot) =>
        WebEncoders.Base64UrlEncode(Mac(string.Create(CultureInfo.InvariantCulture, $"receipt|{action}|{voterKey}|{period}|{slot}")).AsSpan(0, 12));

    /// <summary>
    /// What a campaign's network limits count a fan's address or network under: a keyed hash of the
    /// campaign and <paramref name="scoped"/> (see <see cref="FairPlay.NetworkKeys"/>), never the address,
    /// and different in every campaign. Allocation-free: it runs for every submission.
    /// </summary>
    public UInt128 NetworkKey(string slug, ReadOnlySpan<byte> scoped)
    {
        Span<byte> input = stackalloc byte[5 + Encoding.UTF8.GetMaxByteCount(slug.Length) + scoped.Length];
        "net|"u8.CopyTo(input);
        var length = 4 + Encoding.UTF8.GetBytes(slug, input[4..]);
        input[length++] = (byte)'|';
        scoped.CopyTo(input[length..]);
        Span<byte> mac = stackalloc byte[32];
        Hmac().TryComputeHash(input[..(length + scoped.Length)], mac, out _);
        return BinaryPrimitives.ReadUInt128LittleEndian(mac);
    }

    private byte[] Mac(string text) => Hmac().ComputeHash(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The engine's keyed hash (HMAC-SHA256 under the cookie key) for other signed values, such as
    /// <see cref="FormTokens"/>. Callers prefix their text with a purpose of their own ("form|…"),
    /// which no cookie payload can take (a payload never holds '|').
    /// </summary>
    internal byte[] KeyedHash(string text) => Mac(text);

    // One keyed HMAC per thread: the one-shot HashData sets up a fresh native context on every
    // call, several times per vote, and under load that setup contends across threads.
    [ThreadStatic] private static (byte[] Key, HMACSHA256 Hmac)? perThread;

    private HMACSHA256 Hmac()
    {
        if (perThread is { } cached && ReferenceEquals(cached.Key, key)) return cached.Hmac;
        perThread?.Hmac.Dispose();
        var hmac = new HMACSHA256(key);
        perThread = (key, hmac);
        return hmac;
    }

    private string Sign(string payload) =>
        payload + "~" + WebEncoders.Base64UrlEncode(Mac(payload).AsSpan(0, 16));

    private string? Unsign(string value)
    {
        var at = value.LastIndexOf('~');
        if (at <= 0) return null;
        var payload = value[..at];
        var expected = Mac(payload).AsSpan(0, 16);
        byte[] given;
        try { given = WebEncoders.Base64UrlDecode(value[(at + 1)..]); }
        catch (FormatException) { return null; }
        return CryptographicOperations.FixedTimeEquals(expected, given) ? payload : null;
    }

    private static CookieOptions Options(HttpRequest request, string path) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = path,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}

/// <summary>What the ledger cookie says of one action: times taken in the period, and the last submission's data.</summary>
public sealed record LedgerEntry(int Used, string? Data);
