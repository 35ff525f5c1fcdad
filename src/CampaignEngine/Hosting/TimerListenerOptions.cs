namespace CampaignEngine.Hosting;

/// <summary>The standalone host's timer settings (under the Functions host the timer triggers run instead).</summary>
public sealed class TimerListenerOptions
{
    public const string Section = "Timers";

    /// <summary>False turns the in-process timers off; they are off under the Functions host.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after start the first run waits, so that start-up is not slowed by it.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);
}
