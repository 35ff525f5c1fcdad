using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// Every process the benchmark starts, so all of them are stopped at the end, on Ctrl-C and when
/// the driver fails half way.
/// </summary>
public static class Children
{
    private static readonly List<Process> Started = [];

    public static Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}");
        lock (Started) Started.Add(process);
        return process;
    }

    /// <summary>SIGTERM first (so the engine shuts down cleanly), then a hard kill after a grace period.</summary>
    public static void Stop(Process process, TimeSpan grace)
    {
        try
        {
            if (process.HasExited) return;
            Signal(process, "TERM");
            if (!process.WaitForExit(grace)) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            lock (Started) Started.Remove(process);
        }
    }

    public static void StopAll()
    {
        Process[] all;
        lock (Started) all = [.. Started];
        foreach (var process in all) Stop(process, TimeSpan.FromSeconds(3));
    }

    /// <summary>On Ctrl-C or SIGTERM: kill everything at once, without starting new processes.</summary>
    public static void KillAll()
    {
        Process[] all;
        lock (Started) all = [.. Started];
        foreach (var process in all)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        }
    }

    /// <summary>Sends a POSIX signal by pid (wrk prints its summary on SIGINT).</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString()]) { RedirectStandardError = true });
        kill?.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, Process owner, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                if (owner.HasExited) throw new InvalidOperationException($"{owner.StartInfo.FileName} exited with code {owner.ExitCode}");
                if (deadline.Elapsed > timeout) throw new TimeoutException($"Nothing listened on port {port} within {timeout.TotalSeconds} s");
                await Task.Delay(50);
            }
        }
    }

    /// <summary>User + system CPU time of a process so far, from /proc (Linux only).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after the name.
            var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}
