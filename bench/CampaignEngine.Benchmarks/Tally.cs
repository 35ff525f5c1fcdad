using System.Diagnostics;

namespace CampaignEngine.Benchmarks;

/// <summary>When the tally caught up with the receipts, measured from the last accept.</summary>
public sealed record TallyCatchUp(long Receipts, long Tallied, bool Exact, TimeSpan AfterLastAccept, TimeSpan SinceFirstAccept)
{
    /// <summary>Votes tallied per second over the whole run, from the first accept to the exact count.</summary>
    public double TalliedPerSecond => Tallied / SinceFirstAccept.TotalSeconds;
}

public static class Tally
{
    /// <summary>
    /// Polls the results API until totalVotes reaches the receipts, or the deadline passes. The
    /// results are cached by the engine for <paramref name="cacheDuration"/>, which bounds how late
    /// the catch-up can be seen.
    /// </summary>
    public static Task<TallyCatchUp> WaitAsync(Engine engine, string slug, WrkResult run, TimeSpan deadline) =>
        WaitAsync(run, deadline, () => engine.TotalVotesAsync(slug));

    /// <summary>Polls <paramref name="read"/> (a count the engine reports) until it reaches the run's receipts, or the deadline passes.</summary>
    public static async Task<TallyCatchUp> WaitAsync(WrkResult run, TimeSpan deadline, Func<Task<long>> read)
    {
        var clock = Stopwatch.StartNew();
        long tallied = 0;
        while (true)
        {
            try
            {
                tallied = await read();
            }
            catch (HttpRequestException)
            {
                // A busy engine may drop a read; the next poll tries again.
            }
            var now = DateTimeOffset.UtcNow;
            if (tallied >= run.Accepted || clock.Elapsed > deadline)
            {
                return new TallyCatchUp(run.Accepted, tallied, tallied == run.Accepted, now - run.LastAnswerAt, now - run.StartedAt);
            }
            await Task.Delay(50);
        }
    }
}
