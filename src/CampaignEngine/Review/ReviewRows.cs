namespace CampaignEngine.Review;

/// <summary>
/// How review shows in the submissions table: properties of a submission's row, and counters of
/// its shard's counter row. A held row is written with its status, its signals and the kind's data,
/// so releasing it can add exactly what counting it at once would have added.
/// </summary>
public static class ReviewRows
{
    public const string StatusProperty = "ReviewStatus";
    public const string SignalsProperty = "Signals";
    public const string DataProperty = "Data";
    public const string ReviewedAtProperty = "ReviewedAt";

    public const string Held = "held";
    public const string Released = "released";
    public const string Discarded = "discarded";

    /// <summary>Submissions of the shard waiting for review.</summary>
    public const string HeldCounter = "held";

    /// <summary>Submissions of the shard discarded after review.</summary>
    public const string DiscardedCounter = "discarded";

    public static readonly IReadOnlyList<string> Statuses = [Held, Released, Discarded];
}
