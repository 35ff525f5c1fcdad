using System.Buffers.Binary;

namespace CampaignEngine.FairPlay;

/// <summary>
/// An instance's hot keys of one scope as it publishes them: 16 bytes of key and 4 of count each,
/// sorted by key (so an unchanged set writes the same bytes and need not be written again), in
/// binary properties of at most 64 KiB. Past <see cref="MaxKeys"/> the hottest are kept.
/// </summary>
public static class HotKeys
{
    public const int EntryBytes = 20;
    public const int EntriesPerChunk = 64 * 1024 / EntryBytes;
    public const int MaxChunks = 7;
    public const int MaxKeys = EntriesPerChunk * MaxChunks;

    public static byte[] Encode(List<(UInt128 Key, int Count)> hot)
    {
        if (hot.Count > MaxKeys)
        {
            hot.Sort((a, b) => b.Count.CompareTo(a.Count));
            hot.RemoveRange(MaxKeys, hot.Count - MaxKeys);
        }
        hot.Sort((a, b) => a.Key.CompareTo(b.Key));
        var bytes = new byte[hot.Count * EntryBytes];
        for (var i = 0; i < hot.Count; i++)
        {
            var entry = bytes.AsSpan(i * EntryBytes, EntryBytes);
            BinaryPrimitives.WriteUInt128LittleEndian(entry, hot[i].Key);
            BinaryPrimitives.WriteInt32LittleEndian(entry[16..], hot[i].Count);
        }
        return bytes;
    }

    /// <summary>Adds the counts in <paramref name="bytes"/> to <paramref name="into"/>.</summary>
    public static void AddTo(ReadOnlySpan<byte> bytes, Dictionary<UInt128, int> into)
    {
        for (var at = 0; at + EntryBytes <= bytes.Length; at += EntryBytes)
        {
            var key = BinaryPrimitives.ReadUInt128LittleEndian(bytes.Slice(at, 16));
            var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(at + 16, 4));
            if (count <= 0) continue;
            into[key] = into.TryGetValue(key, out var sum) ? (int)Math.Min(int.MaxValue, (long)sum + count) : count;
        }
    }

    /// <summary>The encoded set cut into property-sized chunks.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Chunks(byte[] bytes)
    {
        const int size = EntriesPerChunk * EntryBytes;
        for (var at = 0; at < bytes.Length; at += size) yield return bytes.AsMemory(at, Math.Min(size, bytes.Length - at));
    }
}
