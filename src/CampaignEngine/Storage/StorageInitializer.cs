namespace CampaignEngine.Storage;

/// <summary>Creates the tables and queues on start so a fresh Azurite or account just works.</summary>
public sealed class StorageInitializer(StorageClients clients, StorageNames names, ILogger<StorageInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await Task.WhenAll(
                    names.Tables.Select(t => clients.Tables.CreateTableIfNotExistsAsync(t, cancellationToken))
                        .Concat<Task>(names.Queues.Select(q =>
                            clients.Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
                logger.LogInformation("Storage ready: {TableCount} tables, {QueueCount} queues", names.Tables.Count(), names.Queues.Count());
                return;
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                // Storage may still be starting (Azurite launched alongside us); keep trying for a while.
                logger.LogWarning("Storage not ready yet: {Reason}", ex.Message);
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
