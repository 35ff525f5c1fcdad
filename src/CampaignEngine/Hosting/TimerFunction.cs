namespace CampaignEngine.Hosting;

/// <summary>One run of a timer function, whichever host started it.</summary>
/// <param name="IsPastDue">The Functions host's flag for a run that was missed (the app was down at its time).</param>
public sealed record TimerInvocation(bool IsPastDue);

/// <summary>
/// A function run on a schedule: under the Functions host by a <c>timerTrigger</c> binding with
/// <see cref="Schedule"/>, POSTed to <c>/{Name}</c>; standalone by <see cref="TimerListener"/> every
/// <see cref="Period"/>. Implementations must be idempotent (two instances, or a retry after a crash,
/// may run them twice) and throw on failure; the next run tries again.
/// </summary>
public interface ITimerFunction
{
    /// <summary>The function name: the folder of its function.json and the custom-handler route.</summary>
    string Name { get; }

    /// <summary>NCRONTAB with seconds (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), UTC.</summary>
    string Schedule { get; }

    /// <summary>The same cadence for the standalone host, which does not read NCRONTAB.</summary>
    TimeSpan Period { get; }

    /// <summary>The standalone host's wait before the first run; null for <see cref="TimerListenerOptions.FirstRunDelay"/>.</summary>
    TimeSpan? FirstRunDelay => null;

    Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken);
}
