using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>
/// The keys of a contest's entries. An entry's id comes from its submission's receipt, so a retried or
/// redelivered entry is always the same entry, without showing the receipt. Votes per entry are counted on
/// the shard's further counter rows, one of <see cref="Buckets"/> per entry id, packed (<see cref="PackedCounters"/>):
/// few rows, so a transaction of a hundred votes rewrites a handful of them, and each row small enough to rewrite often.
/// </summary>
public static class EntryKeys
{
    public const int Buckets = 32;

    /// <summary>About 4,700 entries per bucket: the fullest row, once every entry has a vote in the shard, packs to about 110 KB.</summary>
    public const int MaxEntries = 150_000;

    /// <summary>Entry rows spread over 16 partitions per contest (the id's first hex digit): one partition takes a few thousand writes a second.</summary>
    public const int Lanes = 16;

    public const int IdLength = 16;

    public static string IdOf(string receipt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("entry|" + receipt)))[..IdLength];

    public static bool IsId(string? id) => id is { Length: IdLength } && id.All(char.IsAsciiHexDigitLower);

    public static string Partition(string slug, string entryId) => slug + "|" + entryId[0];

    /// <summary>
    /// Every entry partition of the contest sorts between these keys, and no other campaign's; the contest's other
    /// partitions in the table (winners, jurors, scores: letters past <c>f</c>) sort after them.
    /// </summary>
    public static (string From, string To) Partitions(string slug) => (slug + "|", slug + "|g");

    public static int Bucket(string entryId) => (int)(uint.Parse(entryId.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % Buckets);

    public static string CounterRow(string entryId) => SubmissionKeys.CounterRowOf("e" + Bucket(entryId).ToString("D4", CultureInfo.InvariantCulture));

    public static string Counter(string entryId) => CounterPrefix + entryId;

    public const string CounterPrefix = "e_";

    /// <summary>Fans' flags of the entries of a bucket, on rows of their own, so a flag does not rewrite the bucket's votes.</summary>
    public static string FlagRow(string entryId) => SubmissionKeys.CounterRowOf("f" + Bucket(entryId).ToString("D4", CultureInfo.InvariantCulture));

    public static string FlagCounter(string entryId) => FlagPrefix + entryId;

    public const string FlagPrefix = "f_";
}
