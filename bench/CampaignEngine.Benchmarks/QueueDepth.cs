using System.Text.Json;

namespace CampaignEngine.Benchmarks;

/// <summary>Samples the votes queue depth (GET /api/admin/queues/votes) while a run and its tally last.</summary>
public sealed class QueueDepth : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<long> sampler;

    public QueueDepth(Engine engine) => sampler = SampleAsync(engine, stop.Token);

    public async Task<long> StopAsync()
    {
        await stop.CancelAsync();
        return await sampler;
    }

    private static async Task<long> SampleAsync(Engine engine, CancellationToken ct)
    {
        long max = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var json = JsonDocument.Parse(await engine.Http.GetStringAsync("/api/admin/queues/votes", ct));
                max = Math.Max(max, json.RootElement.GetProperty("approximateMessages").GetInt64());
                await Task.Delay(500, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (HttpRequestException)
            {
                // Busy engine; sample again.
            }
        }
        return max;
    }

    public void Dispose() => stop.Dispose();
}
