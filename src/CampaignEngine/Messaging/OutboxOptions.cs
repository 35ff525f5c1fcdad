using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.Messaging;

/// <summary>When accepted items take the table outbox instead of (or as well as) their queue, and how it is drained.</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// How long a group waits for its queue before it is written to the outbox as well, and its
    /// callers are answered once either write holds. Zero turns the outbox off (the queue alone decides).
    /// Well above a loaded queue's ordinary p99 (tens of ms): at 50 ms ordinary jitter under load sent
    /// groups down the outbox, which costs two more table requests a group and showed as 20 % more
    /// CPU per vote (bench/analysis.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")] public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a queue counts as stalled after a send that failed or ran past <see cref="AnswerWithin"/>:
    /// meanwhile groups go to the outbox alone, so a paused queue is not sent more work to sit on.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan StallCooldown { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Age before a row is drained. A row whose late queue send succeeds is deleted by its writer
    /// within this time, so most rows of a slow moment never need the drainer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan DrainAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the drainer looks (standalone; under the Functions host its timer sets the pace).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")] public TimeSpan DrainInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one drainer holds a row while its function runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed attempts after which a row goes to the queue's poison queue, like a queue message.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 5;

    /// <summary>Rows taken per queue per pass.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 256;

    /// <summary>
    /// Rows leased and run together within a pass. A drainer that dies mid-pass has charged an attempt to
    /// these only, not to the whole pass (with 256 at once, a few kills used up every row's attempts).
    /// </summary>
    [Range(1, 256)] public int LeaseChunk { get; set; } = 16;
}
