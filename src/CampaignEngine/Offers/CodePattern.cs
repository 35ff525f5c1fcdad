using System.Security.Cryptography;

namespace CampaignEngine.Offers;

/// <summary>
/// Generated codes: a pattern such as <c>DONUT-####-####</c>, each <c>#</c> a character drawn from a cryptographic random
/// source out of 32 that cannot be mistaken for one another (no 0/O, no 1/I), the rest kept as written.
/// </summary>
public static class CodePattern
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const char Slot = '#';
    public const int MaxCount = 100_000;
    public const int MinSlots = 6;

    /// <summary>Why a pattern cannot make <paramref name="count"/> codes, or null when it can.</summary>
    public static string? Problem(string? pattern, int count)
    {
        if (string.IsNullOrEmpty(pattern)) return "Give a pattern, such as DONUT-####-####.";
        if (pattern.Length > CodeList.MaxLength) return $"At most {CodeList.MaxLength} characters.";
        if (pattern.Any(c => c != Slot && !(c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-')))
            return $"Use capital letters, digits, '-' and '{Slot}' (a random character) only.";
        if (pattern[0] == '-') return "A code may not start with '-' (spreadsheets read it as a formula).";
        var slots = pattern.Count(c => c == Slot);
        if (slots < MinSlots) return $"Put at least {MinSlots} '{Slot}' in it, so codes cannot be guessed.";
        // A million times more codes possible than asked for: random draws then almost never collide, and never guessably.
        if (slots * 5 < Math.Log2((double)count * 1_000_000)) return $"Too few '{Slot}' for {count} codes: add more.";
        return null;
    }

    /// <summary><paramref name="count"/> distinct codes of a pattern <see cref="Problem"/> accepts.</summary>
    public static IReadOnlyList<string> Generate(string pattern, int count)
    {
        if (Problem(pattern, count) is { } problem) throw new ArgumentException(problem, nameof(pattern));
        var codes = new HashSet<string>(count, StringComparer.Ordinal);
        var buffer = pattern.ToCharArray();
        var slots = Enumerable.Range(0, pattern.Length).Where(i => pattern[i] == Slot).ToArray();
        var random = new char[slots.Length];
        while (codes.Count < count)
        {
            RandomNumberGenerator.GetItems(Alphabet, random.AsSpan());
            for (var i = 0; i < slots.Length; i++) buffer[slots[i]] = random[i];
            codes.Add(new string(buffer));
        }
        return [.. codes];
    }
}
