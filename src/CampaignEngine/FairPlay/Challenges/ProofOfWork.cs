using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CampaignEngine.FairPlay.Challenges;

/// <summary>
/// The puzzle a challenge sets: find a nonce such that SHA-256 of the ASCII text
/// <c>{challenge}{nonce}</c> starts with <c>difficulty</c> zero bits. Checking costs one hash;
/// solving costs about 2^difficulty of them, for a fan's browser and a script alike.
/// </summary>
public static class ProofOfWork
{
    public const int MaxNonceLength = 32;

    /// <summary>1 to 32 characters of A–Z, a–z, 0–9, '-' and '_' (a decimal counter is one).</summary>
    public static bool IsNonce(string? nonce) =>
        nonce is { Length: > 0 and <= MaxNonceLength } && nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsSolved(string challenge, string nonce, int difficulty)
    {
        if (!IsNonce(nonce) || challenge.Length > ChallengeTokens.MaxLength || !Ascii.IsValid(challenge)) return false;
        Span<byte> input = stackalloc byte[challenge.Length + nonce.Length];
        Encoding.ASCII.GetBytes(challenge, input);
        Encoding.ASCII.GetBytes(nonce, input[challenge.Length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        return LeadingZeroBits(hash) >= difficulty;
    }

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b != 0) return bits + BitOperations.LeadingZeroCount((uint)b) - 24;
            bits += 8;
        }
        return bits;
    }

    /// <summary>What the page's script does, for tests and API clients to copy: counts up from 0.</summary>
    public static string Solve(string challenge, int difficulty)
    {
        for (long n = 0; ; n++)
        {
            var nonce = n.ToString(CultureInfo.InvariantCulture);
            if (IsSolved(challenge, nonce, difficulty)) return nonce;
        }
    }
}
