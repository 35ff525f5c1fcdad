using System.Collections.Concurrent;
using QRCoder;

namespace CampaignEngine.Pages;

/// <summary>QR codes of campaign URLs, made once per URL and kept (there are few, and they never change).</summary>
public sealed class QrCodes
{
    private readonly ConcurrentDictionary<string, byte[]> pngs = new();
    private readonly ConcurrentDictionary<string, string> svgs = new();

    public byte[] Png(string url) => Remember(pngs, url, u => PngOf(u));

    /// <summary>A QR code made afresh and not kept: for addresses made for one fan (a redeem link, say).</summary>
    public static byte[] PngOf(string url, int pixelsPerModule = 10) => new PngByteQRCode(Encode(url)).GetGraphic(pixelsPerModule);

    public string Svg(string url) => Remember(svgs, url, u =>
        new SvgQRCode(Encode(u)).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute));

    // Medium error correction survives a smudged poster and keeps the code small.
    private static QRCodeData Encode(string url)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
    }

    private static T Remember<T>(ConcurrentDictionary<string, T> cache, string url, Func<string, T> make)
    {
        if (cache.Count > 10_000) cache.Clear(); // bound memory if host names vary
        return cache.GetOrAdd(url, make);
    }
}
