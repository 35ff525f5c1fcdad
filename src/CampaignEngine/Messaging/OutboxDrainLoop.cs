using CampaignEngine.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Messaging;

/// <summary>Drains the outbox every <see cref="OutboxOptions.DrainInterval"/> in the standalone host, alongside its queue listener.</summary>
public sealed class OutboxDrainLoop(
    OutboxDrainer drainer, IOptions<OutboxOptions> options, IOptions<QueueListenerOptions> listener, TimeProvider time, ILogger<OutboxDrainLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!listener.Value.Enabled) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await drainer.DrainOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Could not drain the outbox; trying again in {Interval}: {Reason}", options.Value.DrainInterval, ex.Message);
                }
                await Task.Delay(options.Value.DrainInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
