using CampaignEngine.Storage.Transactions;

namespace CampaignEngine.Submissions;

/// <summary>
/// What a kind's action adds to the row of one submission, and which of the shard's counters it
/// adds one to. The core writes the rest (receipt, time, request key) and the total.
/// </summary>
public sealed class ProjectionRow
{
    internal List<EntityProperty> Properties { get; } = new(4);
    internal List<string> Counters { get; } = new(2);

    public void Set(string property, string value) => Properties.Add(EntityProperty.Of(property, value));

    /// <summary>Adds one to a counter of the shard (a legal table property name, at most 255 per kind's counter row).</summary>
    public void Count(string counter) => Counters.Add(counter);
}
