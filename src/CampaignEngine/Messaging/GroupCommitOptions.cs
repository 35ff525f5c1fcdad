using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.Messaging;

/// <summary>How accepted items are gathered into queue messages.</summary>
public sealed class GroupCommitOptions
{
    /// <summary>Most items in one message.</summary>
    [Range(1, 5000)] public int MaxItems { get; set; } = 400;

    /// <summary>
    /// Most bytes of JSON in one message. Azure allows 64 KiB per message after base64,
    /// which leaves 48 KiB of text; the margin covers the envelope.
    /// </summary>
    [Range(256, 49_000)] public int MaxBytes { get; set; } = 47_000;

    /// <summary>
    /// Sends in flight at once per queue. A lone item goes out at once while a slot is free;
    /// under load, items that arrive while every slot is busy share the next message.
    /// </summary>
    [Range(1, 256)] public int MaxConcurrentSends { get; set; } = 8;

    /// <summary>
    /// How long a group may wait for more items while other sends are in flight. Without it,
    /// moderate traffic would travel one vote per message, the costliest shape for the queue.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")] public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The linger while the queue is backed up (see <see cref="BacklogMessages"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")] public TimeSpan BacklogMaxWait { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Queue length above which the queue counts as backed up; 0 turns the probe off.</summary>
    [Range(0, 1_000_000)] public int BacklogMessages { get; set; } = 100;

    /// <summary>
    /// Queue length above which a group lingers for company even with no other send in flight (a tally far behind
    /// catches up on fuller messages); below it, only while other sends are in flight.
    /// </summary>
    [Range(0, 1_000_000)] public int DeepBacklogMessages { get; set; } = 1_000;

    /// <summary>How often the queue length is read (one cheap request per queue and instance).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")] public TimeSpan BacklogProbeInterval { get; set; } = TimeSpan.FromSeconds(1);
}
