using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// The design a group commit replaces: one queue message per vote, SendMessageAsync with 32 sends
/// in flight, straight against Azurite.
/// </summary>
public static class RawEnqueue
{
    public static async Task<double> MessagesPerSecondAsync(string connectionString, TimeSpan duration)
    {
        var queue = new QueueClient(connectionString, "benchraw" + Environment.ProcessId, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        // A vote-sized body, shaped like the engine's accepted-vote record.
        var body = BinaryData.FromString(JsonSerializer.Serialize(new
        {
            receipt = "x3Jk0PqLw8Rt2Vb1", campaign = "bench-raw", option = "o1",
            voter = "Ld2kX0m4hL5xYd7q9Vb2Jm1s3Zr6Tq8wNn0Ee4Kc", period = "c", slot = 1, shard = 7, acceptedAt = DateTimeOffset.UtcNow,
        }));
        long sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await queue.SendMessageAsync(body);
                Interlocked.Increment(ref sent);
            }
        }));
        var rate = sent / clock.Elapsed.TotalSeconds;
        await queue.DeleteIfExistsAsync();
        return rate;
    }
}
