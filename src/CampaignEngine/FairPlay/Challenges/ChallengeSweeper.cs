using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay.Challenges;

/// <summary>
/// Deletes used challenges once no submission could carry them any more (an hour's partition after
/// its last challenge expired, plus a minute of clock skew). Every instance may sweep: deleting a
/// row twice is no error. Only runs while some campaign has asked for challenges, i.e. never on an
/// engine where none has proof of work on.
/// </summary>
public sealed class ChallengeSweeper(ChallengeStore store, IOptions<ChallengeOptions> options, TimeProvider time, ILogger<ChallengeSweeper> logger)
    : BackgroundService
{
    private const int MostPerSweep = 10_000;
    private volatile bool used;

    /// <summary>Called when a submission used a challenge here: from then on this instance sweeps.</summary>
    public void NoteUse() => used = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            if (!used) continue;
            try
            {
                var deleted = await store.DeleteExpiredAsync(time.GetUtcNow() - TimeSpan.FromMinutes(1), MostPerSweep, stoppingToken);
                if (deleted > 0) logger.LogInformation("Deleted {Count} expired challenges", deleted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not delete expired challenges; trying again next time");
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }
}
