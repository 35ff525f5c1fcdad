using System.Diagnostics;

namespace CampaignEngine.Benchmarks;

/// <summary>What the figures were measured on.</summary>
public sealed record Machine(int Cores, string Cpu, string Memory, string Dotnet, string Azurite, string Wrk, string Os)
{
    public static Machine Describe(string repo)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memKib = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux"
            : "Linux";
        return new Machine(Environment.ProcessorCount, cpu, $"{memKib / 1024.0 / 1024.0:0.0} GiB", Run("dotnet", "--version"),
            Benchmarks.Azurite.Version(repo), Benchmarks.Wrk.Version(), os);
    }

    /// <summary>The 1-minute load average: other work on the machine skews every figure.</summary>
    public static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static string Run(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }
}
