using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server with a web inbox (maildev, from npm) on free loopback ports, shared by the whole run; tests tell
/// their mail apart by recipient. <see cref="MessagesToAsync"/> parses each mail's raw source with MimeKit.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    private static readonly Lazy<Task<MailDevServer>> SharedInstance = new(() => StartAsync());
    private readonly HttpClient web;
    private Process? process;

    private MailDevServer(int smtpPort, int webPort)
    {
        (SmtpPort, WebPort) = (smtpPort, webPort);
        web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    }

    public int SmtpPort { get; }
    public int WebPort { get; }

    /// <summary>The engine's settings for sending through this server.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = SmtpPort.ToString(),
        ["Email:Security"] = "None",
        ["Email:From"] = "offers@brand.test",
        ["Email:BrandName"] = "Test Brand",
        ["Email:PostalAddress"] = "1 Test Street, Testville",
    };

    public static Task<MailDevServer> SharedAsync() => SharedInstance.Value;

    public static async Task<MailDevServer> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new MailDevServer(AzuriteServer.FreePort(), AzuriteServer.FreePort());
            try
            {
                await server.StartProcessAsync();
                return server;
            }
            catch (Exception) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
        }
    }

    private async Task StartProcessAsync()
    {
        process = NodeTool.Start(Path.Combine("maildev", "dist", "bin", "maildev.js"),
            ["--smtp", SmtpPort.ToString(), "--web", WebPort.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"]);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"maildev exited with code {process.ExitCode}");
            try
            {
                using var health = await web.GetAsync("/api/healthz");
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("maildev did not start within 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Every mail received so far for <paramref name="address"/>, parsed.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesToAsync(string address)
    {
        var all = await web.GetFromJsonAsync<JsonElement>("/api/email");
        var ids = all.EnumerateArray()
            .Where(mail => mail.GetProperty("to").EnumerateArray().Any(to => string.Equals(to.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
            .Select(mail => mail.GetProperty("id").GetString()!)
            .ToList();
        var messages = new List<MimeMessage>();
        foreach (var id in ids)
        {
            await using var source = await web.GetStreamAsync($"/api/email/{id}/source");
            using var copy = new MemoryStream();
            await source.CopyToAsync(copy);
            copy.Position = 0;
            messages.Add(await MimeMessage.LoadAsync(copy));
        }
        return messages;
    }

    /// <summary>How many mails the server holds for addresses ending in <paramref name="domain"/>.</summary>
    public async Task<int> CountToDomainAsync(string domain)
    {
        var all = await web.GetFromJsonAsync<JsonElement>("/api/email");
        return all.EnumerateArray().Count(mail => mail.GetProperty("to").EnumerateArray()
            .Any(to => to.GetProperty("address").GetString()!.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase)));
    }

    public ValueTask DisposeAsync()
    {
        NodeTool.Kill(process);
        process?.Dispose();
        web.Dispose();
        return ValueTask.CompletedTask;
    }
}
