using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace CampaignEngine.Submissions;

/// <summary>
/// How a shard's further counter rows hold their counters: packed into binary properties (<c>p0</c>, <c>p1</c>, …), not
/// one property each. A row then holds thousands of counters instead of 252, so a kind needs few such rows per shard, and
/// a transaction of a hundred submissions rewrites a few rows rather than one per submission: on the table service every
/// replaced row is a write of its own (and on Azurite one costs time in proportion to the whole table).
/// Each counter is its name's length (one byte), its name in UTF-8 and its count as a 7-bit encoded integer.
/// </summary>
public static class PackedCounters
{
    /// <summary>A binary property holds at most 64 KiB.</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    /// <summary>An entity holds at most 1 MiB; this leaves room for the keys and the encoding.</summary>
    public const int MaxRowBytes = 900 * 1024;

    public const string PropertyPrefix = "p";

    public const int MaxNameBytes = 255;

    /// <summary>The properties of a row holding <paramref name="counts"/>, in a stable order.</summary>
    public static List<(string Name, byte[] Value)> Pack(IReadOnlyDictionary<string, long> counts)
    {
        var properties = new List<(string, byte[])>();
        using var part = new MemoryStream();
        using var writer = new BinaryWriter(part, Encoding.UTF8, leaveOpen: true);
        var total = 0L;
        Span<byte> name = stackalloc byte[MaxNameBytes];
        foreach (var (counter, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var length = Encoding.UTF8.GetBytes(counter, name);
            if (length is 0 or > MaxNameBytes) throw new ArgumentException($"Counter names take 1 to {MaxNameBytes} bytes: '{counter}'.", nameof(counts));
            // One counter takes at most 1 + 255 + 10 bytes.
            if (part.Length + 1 + length + 10 > MaxPropertyBytes) Flush();
            writer.Write((byte)length);
            writer.Write(name[..length]);
            writer.Write7BitEncodedInt64(count);
            writer.Flush();
        }
        Flush();
        if (total > MaxRowBytes) throw new InvalidOperationException($"{counts.Count} counters take {total} bytes, more than a row holds.");
        return properties;

        void Flush()
        {
            writer.Flush();
            if (part.Length == 0) return;
            properties.Add((PropertyPrefix + properties.Count, part.ToArray()));
            total += part.Length;
            part.SetLength(0);
        }
    }

    /// <summary>
    /// Every counter of a counter row: its packed properties and any integer ones (the main counter row, and further
    /// rows written before they were packed, which the next write packs).
    /// </summary>
    public static Dictionary<string, long> CountsOf(TableEntity row)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in row)
        {
            switch (value)
            {
                case int or long:
                    counts[key] = counts.GetValueOrDefault(key) + Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    break;
                case BinaryData data when IsPacked(key):
                    Unpack(data.ToMemory().Span, counts);
                    break;
                case byte[] bytes when IsPacked(key):
                    Unpack(bytes, counts);
                    break;
            }
        }
        return counts;
    }

    /// <summary>Adds the counters of one packed property to <paramref name="counts"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> packed, IDictionary<string, long> counts)
    {
        var at = 0;
        while (at < packed.Length)
        {
            int length = packed[at++];
            var counter = Encoding.UTF8.GetString(packed.Slice(at, length));
            at += length;
            counts[counter] = counts.TryGetValue(counter, out var before) ? before + Read7BitInt64(packed, ref at) : Read7BitInt64(packed, ref at);
        }
    }

    /// <summary>Whether a row's property is one of its packed ones.</summary>
    public static bool IsPacked(string property) =>
        property.Length > 1 && property.StartsWith(PropertyPrefix, StringComparison.Ordinal) && property.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    private static long Read7BitInt64(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = bytes[at++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return (long)result;
        }
        throw new FormatException("A packed count is longer than ten bytes.");
    }
}
