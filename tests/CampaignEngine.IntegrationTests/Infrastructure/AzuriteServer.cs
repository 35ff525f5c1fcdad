using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>
/// A real Azurite process on free loopback ports. One in-memory instance is shared by the whole
/// test run (every test class uses its own table/queue prefix); tests that restart storage start
/// their own, on disk.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<Task<AzuriteServer>> SharedInstance = new(() => StartAsync());
    private Process? process;

    private AzuriteServer(string? location, int blobPort, int queuePort, int tablePort)
    {
        Location = location;
        (BlobPort, QueuePort, TablePort) = (blobPort, queuePort, tablePort);
    }

    public string? Location { get; }
    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public static Task<AzuriteServer> SharedAsync() => SharedInstance.Value;

    /// <summary>Starts Azurite; in memory unless a data folder is given.</summary>
    public static async Task<AzuriteServer> StartAsync(string? location = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new AzuriteServer(location, FreePort(), FreePort(), FreePort());
            try
            {
                await server.StartProcessAsync();
                return server;
            }
            catch (Exception) when (attempt < 3)
            {
                // Another process may have taken a port between our probe and Azurite's bind.
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Stops and starts the same instance on the same ports (only meaningful on disk).</summary>
    public async Task RestartAsync()
    {
        Kill();
        await StartProcessAsync();
    }

    /// <summary>
    /// Restarts like a storage node going down cleanly: SIGTERM lets Azurite save its databases
    /// (it saves them every 5 s otherwise, so a SIGKILL would lose writes it had acknowledged).
    /// </summary>
    public async Task RestartGracefullyAsync()
    {
        if (process is { HasExited: false } running)
        {
            using var term = Process.Start("kill", ["-TERM", running.Id.ToString()])!;
            await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await running.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                throw new TimeoutException("Azurite did not stop within 15 s of SIGTERM; it was killed and may have lost writes.");
            }
        }
        await StartProcessAsync();
    }

    private async Task StartProcessAsync()
    {
        var args = new List<string>();
        foreach (var arg in new[] { "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", BlobPort.ToString(), "--queuePort", QueuePort.ToString(), "--tablePort", TablePort.ToString() })
        {
            args.Add(arg);
        }
        args.AddRange(Location is null ? ["--inMemoryPersistence"] : ["--location", Location]);
        process = NodeTool.Start(Path.Combine("azurite", "dist", "src", "azurite.js"), args);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsAsync(port))
            {
                if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException("Azurite did not start within 30 s");
                await Task.Delay(50);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Kill() => NodeTool.Kill(process);

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
