using CampaignEngine.Storage;

namespace CampaignEngine.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).WithTags("Operations").WithSummary("200 when storage answers, 503 otherwise");
        return app;
    }

    private static async Task<IResult> CheckAsync(StorageClients clients, StorageNames names, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await Task.WhenAll(
                clients.Tables.GetTableClient(names.CampaignsTable).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "probe", cancellationToken: timeout.Token),
                clients.Queues.GetQueueClient(names.VotesQueue).GetPropertiesAsync(timeout.Token));
            return TypedResults.Ok(new HealthReport("healthy", null));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return TypedResults.Json(new HealthReport("unhealthy", ex is OperationCanceledException ? "storage timed out" : "storage unreachable"),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    public sealed record HealthReport(string Status, string? Reason);
}
