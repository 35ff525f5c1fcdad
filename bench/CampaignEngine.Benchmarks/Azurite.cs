using System.Diagnostics;

namespace CampaignEngine.Benchmarks;

/// <summary>An in-memory Azurite on free loopback ports, as the integration tests start it.</summary>
public sealed class Azurite : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;

    private Azurite(Process process, int blob, int queue, int table)
    {
        this.process = process;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }
    public int Pid => process.Id;

    public static async Task<Azurite> StartAsync(string repo)
    {
        var (blob, queue, table) = (Children.FreePort(), Children.FreePort(), Children.FreePort());
        var start = new ProcessStartInfo("node") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repo, "node_modules", "azurite", "dist", "src", "azurite.js"));
        foreach (var arg in new[] { "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", blob.ToString(), "--queuePort", queue.ToString(), "--tablePort", table.ToString() })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Children.Start(start);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, blob, queue, table);
        foreach (var port in new[] { blob, queue, table })
        {
            await Children.WaitForPortAsync(port, process, TimeSpan.FromSeconds(30));
        }
        return azurite;
    }

    public static string Version(string repo)
    {
        var manifest = Path.Combine(repo, "node_modules", "azurite", "package.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }

    public void Dispose() => Children.Stop(process, TimeSpan.FromSeconds(3));
}
