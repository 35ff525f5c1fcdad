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
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")] public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(5);
}
