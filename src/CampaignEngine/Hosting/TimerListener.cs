using Microsoft.Extensions.Options;

namespace CampaignEngine.Hosting;

/// <summary>
/// Runs each timer function in the standalone host: once <see cref="TimerListenerOptions.FirstRunDelay"/>
/// after start, then every <see cref="ITimerFunction.Period"/>, on the injected clock. A failed run is
/// logged and the next one comes at its time, as with the Functions timer trigger. Every instance runs
/// its own timers (the Functions host runs a schedule on one instance only), which is why timer
/// functions must be idempotent.
/// </summary>
public sealed class TimerListener(
    IEnumerable<ITimerFunction> functions, TimeProvider time, IOptions<TimerListenerOptions> options, ILogger<TimerListener> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? Task.WhenAll(functions.Select(f => RunLoopAsync(f, stoppingToken))) : Task.CompletedTask;

    private async Task RunLoopAsync(ITimerFunction function, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(function.FirstRunDelay ?? options.Value.FirstRunDelay, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await function.RunAsync(new TimerInvocation(IsPastDue: false), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Timer function {Function} failed; it runs again in {Period}", function.Name, function.Period);
                }
                await Task.Delay(function.Period, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The engine is stopping.
        }
    }
}
