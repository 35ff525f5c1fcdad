using CampaignEngine.Api;
using CampaignEngine.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Hosting;

/// <summary>Operator endpoints to inspect poison queues and send their messages back for another try.</summary>
public static class PoisonEndpoints
{
    public static IEndpointRouteBuilder MapPoisonQueues(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/queues/{queue}")
            .WithTags("Operations")
            .AddEndpointFilter<AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", GetAsync).WithSummary("Approximate message counts of a queue and its poison queue");
        group.MapPost("/replay-poison", ReplayAsync).WithSummary("Move poisoned messages back onto the queue, bodies unchanged");
        return app;
    }

    private static async Task<Results<Ok<QueueDepth>, ProblemHttpResult>> GetAsync(string queue, StorageClients clients, StorageNames names, CancellationToken ct)
    {
        if (!IsKnown(queue)) return Unknown(queue);
        var main = clients.Queues.GetQueueClient(names.Queue(queue));
        var poison = clients.Queues.GetQueueClient(StorageNames.Poison(main.Name));
        var (m, p) = (await main.GetPropertiesAsync(ct), await poison.GetPropertiesAsync(ct));
        return TypedResults.Ok(new QueueDepth(queue, m.Value.ApproximateMessagesCount, p.Value.ApproximateMessagesCount));
    }

    private static async Task<Results<Ok<ReplayReport>, ProblemHttpResult>> ReplayAsync(
        string queue, StorageClients clients, StorageNames names, ILoggerFactory loggers, CancellationToken ct, int? max)
    {
        if (!IsKnown(queue)) return Unknown(queue);
        var main = clients.Queues.GetQueueClient(names.Queue(queue));
        var poison = clients.Queues.GetQueueClient(StorageNames.Poison(main.Name));
        var limit = Math.Clamp(max ?? 1000, 1, 10_000);
        var moved = 0;
        while (moved < limit)
        {
            var batch = (await poison.ReceiveMessagesAsync(Math.Min(32, limit - moved), TimeSpan.FromMinutes(1), ct)).Value;
            if (batch.Length == 0) break;
            foreach (var message in batch)
            {
                // Send before delete: a crash in between duplicates a message, which the functions absorb; it never loses one.
                await main.SendMessageAsync(message.Body, cancellationToken: ct);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                moved++;
            }
        }
        loggers.CreateLogger(typeof(PoisonEndpoints)).LogInformation("Replayed {Count} poisoned messages onto {Queue}", moved, main.Name);
        return TypedResults.Ok(new ReplayReport(queue, moved));
    }

    private static bool IsKnown(string queue) => QueueNames.Replayable.Contains(queue);

    private static ProblemHttpResult Unknown(string queue) =>
        Problems.NotFound($"No queue '{queue}'. Known: {string.Join(", ", QueueNames.Replayable)}.");

    public sealed record QueueDepth(string Queue, int ApproximateMessages, int ApproximatePoisonMessages);

    public sealed record ReplayReport(string Queue, int Replayed);
}
