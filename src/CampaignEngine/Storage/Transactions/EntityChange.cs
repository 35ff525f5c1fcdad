namespace CampaignEngine.Storage.Transactions;

/// <summary>One operation of an entity-group transaction: insert a new entity, or replace one under its ETag.</summary>
public sealed record EntityChange(EntityChangeKind Kind, string PartitionKey, string RowKey, IReadOnlyList<EntityProperty> Properties, string? IfMatch = null)
{
    public static EntityChange Insert(string partitionKey, string rowKey, IReadOnlyList<EntityProperty> properties) =>
        new(EntityChangeKind.Insert, partitionKey, rowKey, properties);

    /// <summary>Replaces the entity only if it still has <paramref name="etag"/> (412 otherwise).</summary>
    public static EntityChange Replace(string partitionKey, string rowKey, IReadOnlyList<EntityProperty> properties, string etag) =>
        new(EntityChangeKind.Replace, partitionKey, rowKey, properties, etag);
}

public enum EntityChangeKind
{
    Insert,
    Replace,
}

/// <summary>A property value: a string, a 64-bit integer, a UTC time or bytes (the only types the engine writes in transactions).</summary>
public readonly record struct EntityProperty(string Name, object Value)
{
    public static EntityProperty Of(string name, string value) => new(name, value);
    public static EntityProperty Of(string name, long value) => new(name, value);
    public static EntityProperty Of(string name, DateTimeOffset value) => new(name, value.UtcDateTime);
    public static EntityProperty Of(string name, byte[] value) => new(name, value);
}
