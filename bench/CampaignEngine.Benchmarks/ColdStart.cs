using System.Diagnostics;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// Cold start as an Azure Functions custom handler: from process start to the first 200 on
/// GET /healthz, polling every 25 ms as the Functions host polls a handler's readiness.
/// </summary>
public static class ColdStart
{
    public static async Task<List<TimeSpan>> MeasureAsync(string dll, string storage, int runs)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            using var engine = Engine.Start(dll, storage, $"cold{i}", new Dictionary<string, string>(), customHandler: true);
            times.Add(await engine.WaitHealthyAsync(clock, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(25)));
        }
        return times;
    }
}
