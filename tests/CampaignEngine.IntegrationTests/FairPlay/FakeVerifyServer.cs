using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.IntegrationTests.FairPlay;

/// <summary>
/// A CAPTCHA provider's siteverify API of our own, on a free loopback port: a form-encoded POST of
/// <c>secret</c>, <c>response</c> and <c>remoteip</c>, answered with the providers' JSON. A token it
/// issued passes (as often as it is sent, so only the engine's own single-use record stops a replay),
/// or, issued as a real provider's, once only and then <c>timeout-or-duplicate</c>, optionally after a
/// delay; any other fails; tokens starting <c>down-</c> get a 500 and <c>hang-</c> no answer at all.
/// </summary>
public sealed class FakeVerifyServer : IAsyncDisposable
{
    public const string Secret = "fake-provider-secret-7f3a";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Issued> issued = new();

    private FakeVerifyServer(WebApplication app) => this.app = app;

    /// <summary>Every verify call received, as its form fields.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Calls { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeVerifyServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeVerifyServer(app);
        app.MapPost("/siteverify", server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(new Uri(address), "/siteverify");
        return server;
    }

    /// <summary>A token as the provider's widget would hand a fan who passed.</summary>
    public string Issue()
    {
        var token = "pass-" + Guid.NewGuid().ToString("N");
        issued[token] = new Issued(SingleUse: false, TimeSpan.Zero);
        return token;
    }

    /// <summary>A token that verifies once, as the providers' do, its first answer after <paramref name="delay"/>.</summary>
    public string IssueSingleUse(TimeSpan delay = default)
    {
        var token = "once-" + Guid.NewGuid().ToString("N");
        issued[token] = new Issued(SingleUse: true, delay);
        return token;
    }

    public int CallsFor(string token) => Calls.Count(c => c.GetValueOrDefault("response") == token);

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        Calls.Enqueue(fields);
        var token = fields.GetValueOrDefault("response") ?? "";
        if (token.StartsWith("down-", StringComparison.Ordinal)) return Microsoft.AspNetCore.Http.Results.StatusCode(500);
        if (token.StartsWith("hang-", StringComparison.Ordinal))
        {
            // Until the engine gives up and drops the connection.
            await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Microsoft.AspNetCore.Http.Results.StatusCode(504);
        }
        if (fields.GetValueOrDefault("secret") != Secret) return Microsoft.AspNetCore.Http.Results.Json(new Dictionary<string, object> { ["success"] = false, ["error-codes"] = new[] { "invalid-input-secret" } });
        if (!issued.TryGetValue(token, out var grant)) return Refusal("invalid-input-response");
        if (grant.SingleUse && !grant.TrySpend()) return Refusal("timeout-or-duplicate");
        if (grant.Delay > TimeSpan.Zero) await Task.Delay(grant.Delay);
        return Microsoft.AspNetCore.Http.Results.Json(new Dictionary<string, object> { ["success"] = true, ["hostname"] = "127.0.0.1", ["error-codes"] = Array.Empty<string>() });
    }

    private static IResult Refusal(string code) =>
        Microsoft.AspNetCore.Http.Results.Json(new Dictionary<string, object> { ["success"] = false, ["error-codes"] = new[] { code } });

    private sealed record Issued(bool SingleUse, TimeSpan Delay)
    {
        private int spent;

        public bool TrySpend() => Interlocked.Exchange(ref spent, 1) == 0;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
