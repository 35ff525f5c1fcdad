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
                TypedResults.Ok(new { votes = queues.Votes.OutboxWrites, contacts = queues.Contacts.OutboxWrites }))
            .ExcludeFromDescription();
        return app;
    }
}
