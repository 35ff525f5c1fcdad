using CampaignEngine.Storage.Transactions;

namespace CampaignEngine.Submissions;

/// <summary>
/// What a kind's action adds to the row of one submission, and which of the shard's counters it
/// adds one to. The core writes the rest (receipt, time, request key) and the total.
/// </summary>
public sealed class ProjectionRow
{
    internal List<EntityProperty> Properties { get; } = new(4);
    internal List<CounterKey> Counters { get; } = new(2);

    public void Set(string property, string value) => Properties.Add(EntityProperty.Of(property, value));

    /// <summary>Adds one to a counter of the shard's counter row (a legal table property name; the row holds at most 252).</summary>
    public void Count(string counter) => Counters.Add(new CounterKey(SubmissionKeys.CounterRow, counter));

    /// <summary>
    /// Adds one to a counter on one of the shard's further counter rows (<see cref="SubmissionKeys.CounterRowOf"/>), for a
    /// kind with more counters than one row holds: a contest's votes per entry. Each further row a transaction touches
    /// takes one of its 100 operations, so the projection puts fewer submissions in it.
    /// </summary>
    public void Count(string counterRow, string counter) => Counters.Add(new CounterKey(counterRow, counter));

    /// <summary>
    /// Adds <paramref name="amount"/> to a counter of a further counter row: a sum an average is made of (a survey's ratings).
    /// A sum may go down as well as up (a negative number answered).
    /// </summary>
    public void Add(string counterRow, string counter, long amount) => Counters.Add(new CounterKey(counterRow, counter, amount));
}

/// <summary>One counter: the counter row of the shard partition that holds it, its property there, and what the submission adds to it.</summary>
public readonly record struct CounterKey(string Row, string Property, long Amount = 1);
