using System.Security.Cryptography;
using CampaignEngine.Submissions;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignEngine.Hosting;

/// <summary>
/// A bare accept endpoint for the benchmark (<c>./bench.sh</c>): it reads the body and answers 202
/// with a receipt-shaped JSON without touching storage, so the machine's HTTP ceiling can be
/// measured next to the real vote path. Mapped only when <c>Benchmark:BareEndpoint</c> is true;
/// off by default and never meant for production.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string Setting = "Benchmark:BareEndpoint";

    // POST requests from the first middleware to the end of the response: what the engine itself
    // takes, to set beside what the load generator saw (a saturated machine delays both ends).
    private static readonly Messaging.LatencyCounts PostRequests = new();

    /// <summary>Times every POST when the benchmark endpoints are on; call before anything else in the pipeline.</summary>
    public static IApplicationBuilder UseBenchmarkTimings(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting)) return app;
        return app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsPost(http.Request.Method))
            {
                await next(http);
                return;
            }
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(http);
            PostRequests.RecordSince(started);
        });
    }

    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(Setting)) return app;

        app.MapPost("/bench/accept", async (HttpRequest request, CancellationToken ct) =>
            {
                // Read the whole body, as the vote endpoint does, so the comparison is fair.
                await request.BodyReader.CopyToAsync(Stream.Null, ct);
                return TypedResults.Accepted((string?)null, new SubmissionReceipt(WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12))));
            })
            .ExcludeFromDescription();
        // How many groups took the outbox: the bench reports it next to the latency it bought.
        app.MapGet("/bench/outbox", (Messaging.OutboundQueues queues) =>
                TypedResults.Ok(new { votes = queues.Votes.OutboxWrites, contacts = queues.Contacts.OutboxWrites, timings = queues.Votes.Timings, requests = PostRequests.Snapshot() }))
            .ExcludeFromDescription();
        // Entry photos this instance has re-encoded: the bench times the image queue by it.
        app.MapGet("/bench/images", (IEnumerable<IQueueFunction> functions) =>
                TypedResults.Ok(new { processed = functions.OfType<Contests.EntryImageFunction>().Sum(f => f.Processed) }))
            .ExcludeFromDescription();
        // Mails handed to the SMTP server, and a close-time send started at once (the timer would wait for its minute).
        app.MapGet("/bench/emails", (IEnumerable<IQueueFunction> functions, Offers.OfferCloseSend closeSends) =>
                TypedResults.Ok(new { sent = functions.OfType<Mail.EmailFunction>().Sum(f => f.Sent), closeSends = closeSends.Completed }))
            .ExcludeFromDescription();
        app.MapPost("/bench/offer-close-sends", (Offers.OfferCloseSend job, IHostApplicationLifetime life, ILoggerFactory loggers) =>
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await job.RunAsync(life.ApplicationStopping);
                    }
                    catch (Exception ex)
                    {
                        loggers.CreateLogger(typeof(BenchmarkEndpoints)).LogError(ex, "The benchmark's close-time send failed");
                    }
                });
                return TypedResults.Accepted((string?)null);
            })
            .ExcludeFromDescription();
        return app;
    }
}
