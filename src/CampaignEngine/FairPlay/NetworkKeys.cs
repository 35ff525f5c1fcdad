using System.Net;

namespace CampaignEngine.FairPlay;

/// <summary>What a fan's address is counted as: the address itself, or its network.</summary>
public enum NetworkScope : byte
{
    Address = (byte)'a',
    Network = (byte)'n',
}

/// <summary>
/// The bytes a network limit hashes for an address: the scope, the family and the address (all of
/// it) or its network (a /24 of IPv4, a /64 of IPv6). An IPv4 address that reaches us mapped into
/// IPv6 (::ffff:192.0.2.1, from a dual-stack socket) is the IPv4 address.
/// </summary>
public static class NetworkKeys
{
    public const int IPv4NetworkBytes = 3;
    public const int IPv6NetworkBytes = 8;

    /// <summary>The most <see cref="Write"/> writes.</summary>
    public const int MaxLength = 2 + 16;

    /// <summary>Writes the scoped bytes of <paramref name="address"/>; 0 when it has none we can use.</summary>
    public static int Write(IPAddress address, NetworkScope scope, Span<byte> destination)
    {
        Span<byte> raw = stackalloc byte[16];
        if (!TryNormalize(address, raw, out var family)) return 0;
        var bytes = family == 4 ? raw[..4] : raw;
        if (scope == NetworkScope.Network) bytes = bytes[..(family == 4 ? IPv4NetworkBytes : IPv6NetworkBytes)];
        destination[0] = (byte)scope;
        destination[1] = family;
        bytes.CopyTo(destination[2..]);
        return 2 + bytes.Length;
    }

    /// <summary>127.0.0.0/8 and ::1, mapped or not: this machine (the operator, a benchmark, a local proxy).</summary>
    public static bool IsLoopback(IPAddress address)
    {
        Span<byte> raw = stackalloc byte[16];
        return TryNormalize(address, raw, out var family)
            && (family == 4 ? raw[0] == 127 : raw[..15].IndexOfAnyExcept((byte)0) < 0 && raw[15] == 1);
    }

    /// <summary>The address bytes (4 for IPv4, mapped addresses included; 16 for IPv6) without allocating.</summary>
    private static bool TryNormalize(IPAddress address, Span<byte> raw, out byte family)
    {
        family = 0;
        if (!address.TryWriteBytes(raw, out var written)) return false;
        if (written == 4)
        {
            family = 4;
            return true;
        }
        if (written != 16) return false;
        if (raw[..10].IndexOfAnyExcept((byte)0) < 0 && raw[10] == 0xff && raw[11] == 0xff)
        {
            raw.Slice(12, 4).CopyTo(raw);
            family = 4;
            return true;
        }
        family = 6;
        return true;
    }
}
