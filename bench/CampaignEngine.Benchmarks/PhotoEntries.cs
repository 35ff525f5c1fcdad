using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SkiaSharp;

namespace CampaignEngine.Benchmarks;

/// <summary>What the photo entries measured: accepts (the upload stored, the entry queued) and the re-encoding queue.</summary>
public sealed record PhotoRun(int Sent, int Accepted, double AcceptedPerSecond, double P50Ms, double P99Ms, long PhotoBytes,
    long Processed, TimeSpan ProcessedAfterLastAccept, double ProcessedPerSecond);

/// <summary>
/// A few hundred photo entries on the Dunkin' contest, as JSON with the photo base64, from a handful of phones at once:
/// each a 12-megapixel JPEG of a few MB, as a phone takes them. Then the time until the entry-images queue function has
/// re-encoded every one. The photos are a few distinct pictures (making hundreds would cost the machine more than the
/// engine's work); the engine re-encodes each upload all the same.
/// </summary>
internal static class PhotoEntries
{
    public static async Task<PhotoRun> RunAsync(Engine engine, string slug, int count, int concurrency = 8)
    {
        var photos = Enumerable.Range(0, 4).Select(Photo).ToArray();
        var before = await engine.ImagesProcessedAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(engine.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new double[count];
        var accepted = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                using var answer = await http.PostAsJsonAsync($"/c/{slug}/entries", new { title = $"Photo entry {i}", photo = photos[i % photos.Length] });
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (answer.StatusCode == HttpStatusCode.Accepted) Interlocked.Increment(ref accepted);
            }
        }));
        var acceptedIn = clock.Elapsed;
        var lastAccept = Stopwatch.StartNew();
        long processed;
        while ((processed = await engine.ImagesProcessedAsync() - before) < accepted && lastAccept.Elapsed < TimeSpan.FromSeconds(300)) await Task.Delay(100);
        var after = lastAccept.Elapsed;
        Array.Sort(latencies);
        return new PhotoRun(count, accepted, accepted / acceptedIn.TotalSeconds, latencies[count / 2], latencies[(int)(count * 0.99)],
            photos.Sum(p => (long)p.Length * 3 / 4) / photos.Length, processed, after, processed / clock.Elapsed.TotalSeconds);
    }

    public static string Describe(PhotoRun r) =>
        $"{r.Accepted:N0} of {r.Sent:N0} accepted at {r.AcceptedPerSecond:N1}/s, p50 {r.P50Ms:N0} ms, p99 {r.P99Ms:N0} ms (JPEGs of {r.PhotoBytes / 1e6:0.0} MB, 4000x3000); " +
        $"{r.Processed:N0} re-encoded {(r.Processed >= r.Accepted ? "" : "(NOT all) ")}{r.ProcessedAfterLastAccept.TotalSeconds:0.0} s after the last accept, {r.ProcessedPerSecond:N1} photos/s from the first";

    /// <summary>A 4000 × 3000 picture with a gradient and noise, so it compresses like a photo, as base64.</summary>
    private static string Photo(int seed)
    {
        const int width = 4000, height = 3000;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var random = new Random(seed);
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = (y * width + x) * 4;
                var noise = random.Next(48);
                pixels[at] = (byte)(x * 200 / width + noise);
                pixels[at + 1] = (byte)(y * 200 / height + noise);
                pixels[at + 2] = (byte)((x + y + seed * 500) % 256 * 3 / 4 + noise / 2);
                pixels[at + 3] = 255;
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return Convert.ToBase64String(data.ToArray());
    }
}
