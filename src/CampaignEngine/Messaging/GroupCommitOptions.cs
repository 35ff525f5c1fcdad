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
    /// Least time between the starts of two sends (zero: no pacing). Under load this caps the
    /// messages per second, so each message carries more items and the queue stays short for the
    /// tally (Azurite's receive slows down as its queue grows). A send after a quiet spell is not
    /// delayed, so light traffic waits for nothing.
    /// </summary>
    public TimeSpan MinSendInterval { get; set; } = TimeSpan.Zero;
}
