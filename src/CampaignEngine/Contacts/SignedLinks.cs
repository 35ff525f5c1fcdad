using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Contacts;

/// <summary>
/// Tokens for links the engine mails to fans (unsubscribe, redeem): <c>{payload}.{expiry}.{mac}</c>, base64url, the MAC an
/// HMAC-SHA256 over purpose, payload and expiry, cut to 128 bits. The key is derived from <see cref="ContactOptions.KeySecret"/>
/// rather than being a setting of its own: a mailed link must keep working as long as the contact rows it names, and that
/// secret already has to stay fixed that long. The purpose is signed but not carried, so an unsubscribe token never
/// passes for a redeem token.
/// </summary>
public sealed class SignedLinks(IOptions<ContactOptions> options, TimeProvider time)
{
    private const int MacBytes = 16;
    private readonly Lazy<byte[]> key = new(() => HKDF.DeriveKey(HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(options.Value.KeySecret ?? throw new InvalidOperationException("Contacts:KeySecret is not set.")),
        32, salt: [], info: "CampaignEngine signed links"u8.ToArray()));

    public string Create(string purpose, string payload, TimeSpan validFor)
    {
        var expires = time.GetUtcNow().Add(validFor).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload));
        return $"{body}.{expires}.{WebEncoders.Base64UrlEncode(Mac(purpose, body, expires))}";
    }

    /// <summary>The payload of a token made for <paramref name="purpose"/>, or why there is none.</summary>
    public LinkCheck Read(string purpose, string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || parts[0].Length is 0 or > 1024) return LinkCheck.Invalid;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return LinkCheck.Invalid;
        byte[] mac;
        try
        {
            mac = WebEncoders.Base64UrlDecode(parts[2]);
        }
        catch (FormatException)
        {
            return LinkCheck.Invalid;
        }
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(purpose, parts[0], parts[1]))) return LinkCheck.Invalid;
        var payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[0]));
        // An expired token is still ours: its payload comes back, for the callers that honour old links (unsubscribe).
        return new LinkCheck(time.GetUtcNow().ToUnixTimeSeconds() > expires ? LinkState.Expired : LinkState.Valid, payload);
    }

    /// <summary>The payload of a link about one contact of one campaign.</summary>
    public static string ContactPayload(string slug, string contactKey) => $"{slug}|{contactKey}";

    /// <summary>The campaign and contact key of a <see cref="ContactPayload"/>, or null for anything else.</summary>
    public static (string Slug, string ContactKey)? ParseContact(string? payload) =>
        payload?.Split('|') is [var slug, var key] && Campaigns.Slug.IsValid(slug) && ContactKeys.IsKey(key) ? (slug, key) : null;

    private byte[] Mac(string purpose, string body, string expires) =>
        HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes($"{purpose}\n{body}\n{expires}")).AsSpan(0, MacBytes).ToArray();
}

public enum LinkState { Valid, Invalid, Expired }

public sealed record LinkCheck(LinkState State, string? Payload)
{
    public static readonly LinkCheck Invalid = new(LinkState.Invalid, null);
}
