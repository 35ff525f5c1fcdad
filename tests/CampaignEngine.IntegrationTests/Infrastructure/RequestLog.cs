using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>
/// The POSTs an engine received, with their headers as they arrived: what a real browser sent, which
/// the browser's own tooling cannot always tell (a cross-origin frame's request headers, say).
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    /// <summary>Adds the log to an engine's services; read it back with <c>GetRequiredService&lt;RequestLog&gt;()</c>.</summary>
    public static void AddTo(IServiceCollection services) =>
        services.AddSingleton<RequestLog>().AddSingleton<IStartupFilter, Recorder>();

    public IReadOnlyList<ReceivedRequest> PostsTo(string path) => received.Where(r => r.Path == path).ToList();

    private sealed class Recorder(RequestLog log) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var request = context.Request;
                if (HttpMethods.IsPost(request.Method))
                {
                    log.received.Enqueue(new ReceivedRequest(request.Path.Value ?? "",
                        request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString())));
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
