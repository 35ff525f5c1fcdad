using System.Diagnostics;

namespace CampaignEngine.Benchmarks;

/// <summary>
/// The local SMTP server (maildev, from npm) on free ports for the close-time send. It keeps only the latest 1,000
/// mails (the bench counts what the engine handed over; 100,000 mails in maildev's memory would measure maildev).
/// </summary>
public sealed class MailDev : IDisposable
{
    private readonly Process process;

    private MailDev(Process process, int smtpPort, int webPort) => (this.process, SmtpPort, WebPort) = (process, smtpPort, webPort);

    public int SmtpPort { get; }
    public int WebPort { get; }

    public IReadOnlyDictionary<string, string> EngineSettings => new Dictionary<string, string>
    {
        ["Email__Host"] = "127.0.0.1",
        ["Email__Port"] = SmtpPort.ToString(),
        ["Email__Security"] = "None",
        ["Email__From"] = "offers@bench.example",
        ["Email__BrandName"] = "Bench Brand",
        ["Email__PostalAddress"] = "1 Bench Street",
    };

    public static async Task<MailDev> StartAsync(string repo)
    {
        var (smtp, web) = (Children.FreePort(), Children.FreePort());
        var start = new ProcessStartInfo("node", [Path.Combine(repo, "node_modules", "maildev", "dist", "bin", "maildev.js"),
            "--smtp", smtp.ToString(), "--web", web.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--max-emails", "1000", "--silent"])
        {
            WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var process = Children.Start(start);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{web}") };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var health = await http.GetAsync("/api/healthz");
                if (health.IsSuccessStatusCode) return new MailDev(process, smtp, web);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("maildev did not start within 30 s");
    }

    public void Dispose() => Children.Stop(process, TimeSpan.FromSeconds(5));
}
