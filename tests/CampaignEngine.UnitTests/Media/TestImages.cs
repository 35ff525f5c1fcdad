using System.Buffers.Binary;
using SkiaSharp;

namespace CampaignEngine.UnitTests.Media;

/// <summary>Images built in the test, byte by byte where the point is what the bytes say.</summary>
internal static class TestImages
{
    public static readonly SKColor Marker = new(220, 20, 30);

    /// <summary>A white image with a red square in its stored top-left corner (a quarter of the shorter edge).</summary>
    public static SKBitmap WithCornerMarker(int width, int height, byte alpha = 255)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(255, 255, 255, alpha));
        var side = Math.Max(1, Math.Min(width, height) / 4);
        using var paint = new SKPaint { Color = Marker };
        canvas.DrawRect(0, 0, side, side, paint);
        return bitmap;
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = WithCornerMarker(width, height);
        return Encode(bitmap, SKEncodedImageFormat.Jpeg);
    }

    public static byte[] Png(int width, int height, byte alpha = 255)
    {
        using var bitmap = WithCornerMarker(width, height, alpha);
        return Encode(bitmap, SKEncodedImageFormat.Png);
    }

    public static byte[] WebP(int width, int height)
    {
        using var bitmap = WithCornerMarker(width, height);
        return Encode(bitmap, SKEncodedImageFormat.Webp);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A PNG whose IHDR claims the given size, with no image data at all: any decode attempt would fail.</summary>
    public static byte[] PngHeaderOnly(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        return [.. (byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], .. PngChunk("IHDR", ihdr), .. PngChunk("IEND", [])];
    }

    private static byte[] PngChunk(string type, byte[] body)
    {
        var chunk = new byte[12 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)body.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        body.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), Crc32(chunk.AsSpan(4, 4 + body.Length)));
        return chunk;
    }

    // PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320).
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public static readonly byte[] Gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B];

    public static readonly byte[] Text = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
}
