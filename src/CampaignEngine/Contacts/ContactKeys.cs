using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Contacts;

/// <summary>
/// The key a contact is stored under: HMAC-SHA256 of the normalised email with
/// <see cref="ContactOptions.KeySecret"/>, as 64 lower-case hex digits. Without the secret a key
/// cannot be computed, so an address list cannot be tested against the table; with it the same email
/// always lands on the same row, which is what makes capture idempotent and withdrawal findable.
/// </summary>
public sealed class ContactKeys(IOptions<ContactOptions> options)
{
    private const int HexLength = 64;
    // Read on first use, not when built: wiring the app (the function catalogue, say) must not need the secret.
    private readonly Lazy<byte[]> secret = new(() =>
        Encoding.UTF8.GetBytes(options.Value.KeySecret ?? throw new InvalidOperationException("Contacts:KeySecret is not set.")));

    /// <summary>The key of a normalised email (<see cref="ContactRules.Normalize"/>).</summary>
    public string Of(string normalizedEmail) => Compute(secret.Value, normalizedEmail);

    public static string Compute(ReadOnlySpan<byte> secret, string normalizedEmail) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(normalizedEmail)));

    /// <summary>The unkeyed SHA-256 keys rows were stored under before keys had a secret; the rekey job moves them.</summary>
    public static string Legacy(string normalizedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    /// <summary>Whether <paramref name="value"/> has the shape of a key (safe to put into a row key).</summary>
    public static bool IsKey(string? value) =>
        value is { Length: HexLength } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
