using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>
/// The unpacked engine started the way the Functions host starts a custom handler: the executable
/// from the app root, that root as working directory, the port in FUNCTIONS_CUSTOMHANDLER_PORT,
/// settings as environment variables. Nothing from the test process leaks in.
/// </summary>
public sealed class PackagedEngine : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly Stopwatch sinceStart = new();

    private PackagedEngine(Process process, int port)
    {
        this.process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }
    public HttpClient Client { get; }
    public Process Process => process;

    /// <summary>Everything the engine wrote to stdout and stderr so far (what the host would log).</summary>
    public string Output => string.Join('\n', lines);

    public static PackagedEngine Start(string root, IReadOnlyDictionary<string, string> settings)
    {
        var port = AzuriteServer.FreePort();
        var start = new ProcessStartInfo(Path.Combine(root, PublishedPackage.ExecutableName))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        foreach (var (name, value) in settings) start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var engine = new PackagedEngine(process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) engine.lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) engine.lines.Enqueue(e.Data); };
        engine.sinceStart.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    public void UseAdminKey(string key) => Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

    /// <summary>
    /// Polls like the host's readiness check (every 25 ms) until <paramref name="path"/> answers
    /// <paramref name="status"/>; returns the time since the process started.
    /// </summary>
    public async Task<TimeSpan> WaitForAsync(string path, Func<int, bool> status, TimeSpan timeout)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri(Client.BaseAddress!, path);
        while (true)
        {
            var elapsed = sinceStart.Elapsed;
            if (process.HasExited) throw new InvalidOperationException($"The engine exited with code {process.ExitCode}:\n{Output}");
            if (elapsed > timeout) throw new TimeoutException($"{path} did not answer as expected within {timeout.TotalSeconds:0} s:\n{Output}");
            try
            {
                using var response = await probe.GetAsync(url);
                if (status((int)response.StatusCode)) return sinceStart.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow; try again.
            }
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }
}
