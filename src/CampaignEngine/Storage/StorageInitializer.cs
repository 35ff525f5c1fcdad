using Microsoft.Extensions.Options;

namespace CampaignEngine.Storage;

/// <summary>
/// Creates the tables, queues and (when a blob endpoint is configured) blob containers on start so a
/// fresh Azurite or account just works.
/// </summary>
/// <remarks>
/// Start waits for storage only up to <see cref="StorageOptions.StartupWait"/>. If storage is still
/// not answering by then (an account whose role assignments have not reached the data plane yet, an
/// Azurite that is down), the engine starts anyway and keeps trying in the background: it must
/// answer HTTP, so that <c>/healthz</c> can say 503 and so that the Functions host, which gives a
/// custom handler 60 s to answer, does not give up on it. Calls that need storage answer 503 meanwhile.
/// </remarks>
public sealed class StorageInitializer(
    StorageClients clients, StorageNames names, IOptions<StorageOptions> options, ILogger<StorageInitializer> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private readonly CancellationTokenSource stopping = new();
    private Task background = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!clients.HasBlobs) logger.LogInformation("No blob endpoint configured: image uploads and reads are unavailable");
        var deadline = DateTime.UtcNow + options.Value.StartupWait;
        // A service that accepts connections but does not answer would hold one attempt for the
        // clients' whole network timeout and retries (minutes); the wait bounds the attempt too.
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(options.Value.StartupWait);
        while (!waiting.IsCancellationRequested)
        {
            if (await TryCreateAsync(waiting.Token)) return;
            if (DateTime.UtcNow + RetryDelay >= deadline) break;
            try
            {
                await Task.Delay(RetryDelay, waiting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        logger.LogWarning("Starting without storage; /healthz answers 503 until it answers. Still trying in the background.");
        background = Task.Run(() => KeepTryingAsync(stopping.Token), CancellationToken.None);
    }

    private async Task KeepTryingAsync(CancellationToken cancellationToken)
    {
        var delay = RetryDelay;
        try
        {
            while (!await TryCreateAsync(cancellationToken))
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The engine is stopping.
        }
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var containers = clients.HasBlobs ? names.Containers.ToList() : [];
            await Task.WhenAll(
                names.Tables.Select(t => clients.Tables.CreateTableIfNotExistsAsync(t, cancellationToken))
                    .Concat<Task>(names.Queues.Select(q =>
                        clients.Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)))
                    .Concat(containers.Select(c =>
                        clients.Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
            logger.LogInformation("Storage ready: {TableCount} tables, {QueueCount} queues, {ContainerCount} blob containers",
                names.Tables.Count(), names.Queues.Count(), containers.Count);
            return true;
        }
        catch (Exception ex)
        {
            // Storage may still be starting (Azurite launched alongside us), not yet reachable, or not answering.
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested) logger.LogWarning("Storage did not answer in time");
            else logger.LogWarning("Storage not ready yet: {Reason}", ex.Message);
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await background.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => stopping.Dispose();
}
