using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.Submissions;

/// <summary>How hard the tally may press on the table service.</summary>
public sealed class ProjectionOptions
{
    public const string Section = "Projection";

    /// <summary>
    /// Entity-group transactions one instance's tally has in flight at once, across partitions and
    /// across the queue listener and the outbox drainer. Each carries up to 100 rows; a request from
    /// the accept side (an outbox insert while the queue is paused) waits behind whatever the table
    /// service already holds, so unbounded fan-out turned a 5 ms insert into 200–500 ms
    /// (bench/analysis.md). A few in flight keep a single-threaded service busy; more only queue there.
    /// </summary>
    [Range(1, 256)] public int MaxConcurrentTransactions { get; set; } = 4;
}
