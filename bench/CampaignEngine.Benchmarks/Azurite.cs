using System.Diagnostics;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// An in-memory Azurite on free loopback ports. <see cref="StartSplitAsync"/> runs its queue and
/// table services as two processes, as Azure runs them as separate services: Azurite is one
/// Node.js event loop, and in one process every tally transaction would stall the enqueues that
/// fans are waiting on, a coupling Azure Storage does not have.
/// </summary>
public sealed class Azurite : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly string[] CommonArgs = ["--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence", "--disableTelemetry"];
    private readonly List<Process> processes;

    private Azurite(List<Process> processes, string connectionString)
    {
        this.processes = processes;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }
    public IReadOnlyList<int> Pids => processes.Select(p => p.Id).ToList();

    /// <summary>All services in one process (what ./run.sh and the tests use).</summary>
    public static async Task<Azurite> StartAsync(string repo)
    {
        var (blob, queue, table) = (Children.FreePort(), Children.FreePort(), Children.FreePort());
        var process = await StartProcessAsync(repo, "azurite.js",
            ["--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
             "--blobPort", blob.ToString(), "--queuePort", queue.ToString(), "--tablePort", table.ToString()],
            [blob, queue, table]);
        return new Azurite([process], Connection(queue, table) + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;");
    }

    /// <summary>The queue service and the table service, each in its own process, and the blob service (photos) in a third.</summary>
    public static async Task<Azurite> StartSplitAsync(string repo)
    {
        var (queue, table, blob) = (Children.FreePort(), Children.FreePort(), Children.FreePort());
        var queues = await StartProcessAsync(repo, Path.Combine("queue", "main.js"), ["--queueHost", "127.0.0.1", "--queuePort", queue.ToString()], [queue]);
        var tables = await StartProcessAsync(repo, Path.Combine("table", "main.js"), ["--tableHost", "127.0.0.1", "--tablePort", table.ToString()], [table]);
        var blobs = await StartProcessAsync(repo, Path.Combine("blob", "main.js"), ["--blobHost", "127.0.0.1", "--blobPort", blob.ToString()], [blob]);
        return new Azurite([queues, tables, blobs], Connection(queue, table) + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;");
    }

    private static string Connection(int queue, int table) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";

    private static async Task<Process> StartProcessAsync(string repo, string script, string[] args, int[] ports)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles Azurite itself while tuning.
        foreach (var arg in (Environment.GetEnvironmentVariable("BENCH_NODE_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) start.ArgumentList.Add(arg);
        start.ArgumentList.Add(Path.Combine(repo, "node_modules", "azurite", "dist", "src", script));
        foreach (var arg in CommonArgs.Concat(args)) start.ArgumentList.Add(arg);
        var process = Children.Start(start);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        foreach (var port in ports) await Children.WaitForPortAsync(port, process, TimeSpan.FromSeconds(30));
        return process;
    }

    public static string Version(string repo)
    {
        var manifest = Path.Combine(repo, "node_modules", "azurite", "package.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("BENCH_NODE_ARGS") is { Length: > 0 })
        {
            // A profiled node writes its profile only on a clean exit, and the table service exits cleanly on SIGINT alone.
            foreach (var process in processes) Children.Signal(process, "INT");
            foreach (var process in processes) process.WaitForExit(TimeSpan.FromSeconds(120));
        }
        foreach (var process in processes) Children.Stop(process, TimeSpan.FromSeconds(3));
    }
}
