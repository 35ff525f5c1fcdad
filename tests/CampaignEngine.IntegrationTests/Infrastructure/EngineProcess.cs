using System.Collections.Concurrent;
using System.Diagnostics;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>
/// The standalone engine (HTTP plus its own queue listeners) as a child process, so a test can
/// SIGKILL it like a crashed machine and start it again on the same port.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private EngineProcess(Process process) => this.process = process;

    /// <summary>The last lines the engine wrote, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', lines.TakeLast(40));

    /// <summary>Starts the engine built next to the tests and waits until <c>/healthz</c> answers 200.</summary>
    public static async Task<EngineProcess> StartAsync(Uri baseAddress, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CampaignEngine.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings) start.Environment[name] = value;

        var engine = new EngineProcess(new Process { StartInfo = start });
        engine.process.OutputDataReceived += (_, e) => engine.Keep(e.Data);
        engine.process.ErrorDataReceived += (_, e) => engine.Keep(e.Data);
        engine.process.Start();
        engine.process.BeginOutputReadLine();
        engine.process.BeginErrorReadLine();
        await engine.WaitUntilHealthyAsync(baseAddress, timeout);
        return engine;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, in-flight requests and messages abandoned.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private async Task WaitUntilHealthyAsync(Uri baseAddress, TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The engine exited with code {process.ExitCode}:\n{RecentOutput}");
            if (deadline.Elapsed > timeout) throw new TimeoutException($"The engine was not healthy within {timeout.TotalSeconds:0} s:\n{RecentOutput}");
            try
            {
                using var response = await probe.GetAsync("/healthz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(25);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lines.Enqueue(line);
        while (lines.Count > 200) lines.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
