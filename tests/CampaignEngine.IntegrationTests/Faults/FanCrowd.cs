using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CampaignEngine.IntegrationTests.Faults;

/// <summary>
/// Fans voting concurrently, each a distinct voter with its own Idempotency-Key and no cookies.
/// A fan whose request fails in any way retries the same request until it holds a receipt, and
/// finishes that even after being told to stop, so no vote is left in doubt.
/// </summary>
public sealed class FanCrowd(Uri baseAddress, string slug)
{
    private static readonly string[] Options = ["choc", "van", "straw"];
    private int attempts;
    private int failures;

    /// <summary>Receipt per fan (by Idempotency-Key).</summary>
    public ConcurrentDictionary<string, string> Receipts { get; } = new();

    public int Attempts => attempts;
    public int Failures => failures;

    public Task VoteUntilStoppedAsync(int concurrency, CancellationToken stop)
    {
        // One handler per fan lane: no cookies, short-lived connections survive engine restarts.
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(lane => Task.Run(async () =>
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) })
            {
                BaseAddress = baseAddress,
                Timeout = TimeSpan.FromSeconds(20),
            };
            var fan = 0;
            while (!stop.IsCancellationRequested)
            {
                var key = $"{lane}-{fan++}-{Guid.NewGuid():N}";
                Receipts[key] = await VoteUntilReceiptAsync(client, key, Options[(lane + fan) % Options.Length]);
            }
        })));
    }

    private async Task<string> VoteUntilReceiptAsync(HttpClient client, string key, string option)
    {
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Increment(ref attempts);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{slug}/votes") { Content = JsonContent.Create(new { optionId = option }) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
                }
                // A retry is always answered with the fan's one vote; a refusal (409 included) is a bug.
                if ((int)response.StatusCode is >= 400 and < 500 and not 429)
                {
                    throw new InvalidOperationException($"A fan's vote was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                // The engine died mid-request or is not up yet: the vote is in doubt until a retry answers.
            }
            Interlocked.Increment(ref failures);
            // A short, growing pause between retries (a client's back-off, not a synchronisation wait).
            await Task.Delay(Math.Min(10 * attempt, 80));
        }
    }
}
