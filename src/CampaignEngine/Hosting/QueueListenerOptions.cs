using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.Hosting;

/// <summary>
/// The standalone host's queue-trigger settings. Defaults mirror the Azure Functions queue
/// trigger (host.json <c>extensions.queues</c>) except the polling ceiling, which is shorter
/// because a local engine should feel instant.
/// </summary>
public sealed class QueueListenerOptions
{
    /// <summary>False turns the in-process listeners off (the Functions host then drives the functions).</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 32)] public int BatchSize { get; set; } = 16;

    /// <summary>How many receive loops run per queue; each keeps one batch in flight.</summary>
    [Range(1, 64)] public int Concurrency { get; set; } = 2;

    [Range(1, 100)] public int MaxDequeueCount { get; set; } = 5;

    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a failed message stays invisible before its retry (Functions' visibilityTimeout).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>How long a message is hidden while it is processed; if the process dies it reappears after this.</summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromSeconds(30);
}
