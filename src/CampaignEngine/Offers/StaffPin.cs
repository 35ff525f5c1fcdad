using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CampaignEngine.Offers;

/// <summary>The staff PIN that redeems an offer's codes, kept only as a salted PBKDF2 hash (<c>pbkdf2-sha256${iterations}${salt}${hash}</c>).</summary>
public static class StaffPin
{
    private const int Iterations = 100_000;

    public static bool IsWellFormed(string? pin) => pin is { Length: >= 4 and <= 12 } && pin.All(char.IsAsciiDigit);

    public static string Hash(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Matches(string? stored, string? pin)
    {
        if (stored?.Split('$') is not ["pbkdf2-sha256", var rounds, var salt, var hash] || pin is null) return false;
        if (!int.TryParse(rounds, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1 or > 10_000_000) return false;
        var expected = Convert.FromBase64String(hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), Convert.FromBase64String(salt), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
