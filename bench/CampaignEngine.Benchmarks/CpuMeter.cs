using System.Diagnostics;

namespace CampaignEngine.Benchmarks;

/// <summary>Measures the CPU the engine, Azurite and the whole machine used between Start and Stop.</summary>
public sealed class CpuMeter(int enginePid, IReadOnlyList<int> azuritePids)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan engine0 = Children.CpuTime(enginePid);
    private readonly TimeSpan azurite0 = AzuriteCpu(azuritePids);
    private readonly TimeSpan machine0 = MachineBusy();

    public CpuUse Stop()
    {
        var seconds = clock.Elapsed.TotalSeconds;
        return new CpuUse(
            (Children.CpuTime(enginePid) - engine0).TotalSeconds / seconds,
            (AzuriteCpu(azuritePids) - azurite0).TotalSeconds / seconds,
            (MachineBusy() - machine0).TotalSeconds / seconds);
    }

    private static TimeSpan AzuriteCpu(IReadOnlyList<int> pids) => pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + Children.CpuTime(pid));

    /// <summary>Busy time of all cores (everything but idle and iowait) from /proc/stat.</summary>
    private static TimeSpan MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var busy = fields.Sum() - fields[3] - fields[4];
        return TimeSpan.FromSeconds(busy / 100.0);
    }
}
