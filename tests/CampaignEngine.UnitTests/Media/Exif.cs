using System.Buffers.Binary;

namespace CampaignEngine.UnitTests.Media;

/// <summary>Hand-built EXIF (APP1) segments, and a look at a JPEG's marker segments.</summary>
internal static class Exif
{
    /// <summary>A recognisable latitude numerator, to look for in the output.</summary>
    public const uint LatitudeDegrees = 0x00BC614E;

    /// <summary>An APP1 Exif segment: IFD0 with the orientation and, optionally, a pointer to a GPS IFD.</summary>
    public static byte[] App1(ushort orientation = 1, bool gps = false)
    {
        // Little-endian TIFF. Layout: header (8), IFD0 at 8, GPS IFD right after it, then the rationals.
        var ifd0Entries = gps ? 2 : 1;
        var ifd0Size = 2 + ifd0Entries * 12 + 4;
        var gpsOffset = 8 + ifd0Size;
        const int gpsEntries = 5;
        var gpsSize = 2 + gpsEntries * 12 + 4;
        var latitudeOffset = gpsOffset + gpsSize;
        var longitudeOffset = latitudeOffset + 24;
        var tiff = new byte[gps ? longitudeOffset + 24 : 8 + ifd0Size];

        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        var at = Ifd(tiff, 8, ifd0Entries);
        at = Entry(tiff, at, 0x0112, 3, 1, orientation);
        if (gps)
        {
            Entry(tiff, at, 0x8825, 4, 1, (uint)gpsOffset);
            at = Ifd(tiff, gpsOffset, gpsEntries);
            at = Entry(tiff, at, 0x0000, 1, 4, 0x00000202); // GPSVersionID 2.2.0.0
            at = Entry(tiff, at, 0x0001, 2, 2, 'N');
            at = Entry(tiff, at, 0x0002, 5, 3, (uint)latitudeOffset);
            at = Entry(tiff, at, 0x0003, 2, 2, 'E');
            Entry(tiff, at, 0x0004, 5, 3, (uint)longitudeOffset);
            Rationals(tiff, latitudeOffset, (LatitudeDegrees, 100_000), (30, 1), (15, 1));
            Rationals(tiff, longitudeOffset, (34, 1), (46, 1), (48, 1));
        }

        var payload = new byte[6 + tiff.Length];
        "Exif\0\0"u8.CopyTo(payload);
        tiff.CopyTo(payload, 6);
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + payload.Length));
        payload.CopyTo(segment, 4);
        return segment;
    }

    /// <summary>The JPEG with the segment inserted right after its start-of-image marker.</summary>
    public static byte[] Splice(byte[] jpeg, byte[] segment) => [.. jpeg[..2], .. segment, .. jpeg[2..]];

    /// <summary>The markers of the segments before the first scan (APPn, DQT, SOF, ...).</summary>
    public static List<byte> HeaderMarkers(ReadOnlySpan<byte> jpeg)
    {
        var markers = new List<byte>();
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            markers.Add(marker);
            if (marker == 0xDA) break;
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 2)..]);
        }
        return markers;
    }

    private static int Ifd(byte[] tiff, int offset, int entries)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(offset), (ushort)entries);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(offset + 2 + entries * 12), 0); // no next IFD
        return offset + 2;
    }

    private static int Entry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
        return at + 12;
    }

    private static void Rationals(byte[] tiff, int offset, params (uint Numerator, uint Denominator)[] values)
    {
        foreach (var (numerator, denominator) in values)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(offset), numerator);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(offset + 4), denominator);
            offset += 8;
        }
    }
}
