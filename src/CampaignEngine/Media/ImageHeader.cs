using System.Buffers.Binary;

namespace CampaignEngine.Media;

internal enum ImageKind { Unknown, Jpeg, Png, WebP }

/// <summary>
/// The type and declared size of an image, read from its first bytes by hand. The size is what
/// the pixel limit is judged on, before any decoder sees the file, so a small file that claims
/// to be gigapixels never gets a pixel buffer.
/// </summary>
internal readonly record struct ImageHeader(ImageKind Kind, int Width, int Height)
{
    public long Pixels => (long)Width * Height;

    public static ImageKind Sniff(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ImageKind.Jpeg
        : data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? ImageKind.Png
        : data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8) ? ImageKind.WebP
        : ImageKind.Unknown;

    /// <summary>The header of a JPEG, PNG or WebP file; null when the type is unknown or its header is unreadable.</summary>
    public static ImageHeader? TryRead(ReadOnlySpan<byte> data)
    {
        var kind = Sniff(data);
        (int Width, int Height)? size = kind switch
        {
            ImageKind.Png => PngSize(data),
            ImageKind.Jpeg => JpegSize(data),
            ImageKind.WebP => WebPSize(data),
            _ => null,
        };
        return size is { Width: > 0, Height: > 0 } s ? new ImageHeader(kind, s.Width, s.Height) : null;
    }

    // The signature is followed by the IHDR chunk: length 13, "IHDR", width, height (big-endian).
    private static (int, int)? PngSize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 24 || !data[12..16].SequenceEqual("IHDR"u8)) return null;
        var width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        return width <= int.MaxValue && height <= int.MaxValue ? ((int)width, (int)height) : null;
    }

    // Walk the marker segments up to the first start-of-frame (SOF0..SOF15 without DHT, JPG and DAC).
    private static (int, int)? JpegSize(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i < data.Length)
        {
            if (data[i] != 0xFF) return null;
            while (i < data.Length && data[i] == 0xFF) i++;
            if (i >= data.Length) return null;
            var marker = data[i++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue;
            if (marker is 0xD9 or 0xDA || i + 2 > data.Length) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            if (length < 2) return null;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (i + 7 > data.Length) return null;
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 3)..]));
            }
            i += length;
        }
        return null;
    }

    // RIFF header (12 bytes), then the first chunk: lossy "VP8 ", lossless "VP8L" or extended "VP8X".
    private static (int, int)? WebPSize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30) return null;
        var chunk = data[12..16];
        var body = data[20..];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (!body[3..6].SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A])) return null;
            return (BinaryPrimitives.ReadUInt16LittleEndian(body[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(body[8..]) & 0x3FFF);
        }
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (body[0] != 0x2F) return null;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(body[1..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (UInt24(body[4..]) + 1, UInt24(body[7..]) + 1);
        }
        return null;
    }

    private static int UInt24(ReadOnlySpan<byte> b) => b[0] | b[1] << 8 | b[2] << 16;
}
