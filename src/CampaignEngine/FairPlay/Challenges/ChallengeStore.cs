using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.FairPlay.Challenges;

/// <summary>
/// The used challenges (table <c>challenges</c>): a row per challenge that a submission carried, inserted
/// only if absent, so across all instances each challenge is taken once. The partition is the hour the
/// challenge expires and one of eight lanes picked by the id's first character (<c>2026060112-5</c>): few
/// enough that rows arriving together share a transaction (<see cref="InsertBatcher"/>), enough that no
/// partition carries more than an eighth of the load, and whole past hours are deleted by a range query.
/// </summary>
public sealed class ChallengeStore
{
    private const int Lanes = 8;
    private const string UseProperty = "Use";
    private readonly StorageClients clients;
    private readonly StorageNames names;
    private readonly InsertBatcher inserts;

    public ChallengeStore(StorageClients clients, StorageNames names)
    {
        this.clients = clients;
        this.names = names;
        inserts = new InsertBatcher(Table);
    }

    private TableClient Table => clients.Tables.GetTableClient(names.ChallengesTable);

    // Base64url characters' low three bits are close to uniform over random ids, and any other id still gets a lane.
    public static string Partition(DateTimeOffset expiresAt, string id) =>
        Hour(expiresAt) + "-" + (id[0] % Lanes).ToString(CultureInfo.InvariantCulture);

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>
    /// Marks the challenge used; false when it was used before. A retry of the same request (same
    /// <paramref name="requestKey"/>, the keyed Idempotency-Key) may use it again: its first attempt's answer may be lost.
    /// </summary>
    public Task<bool> TryUseAsync(string slug, IssuedChallenge challenge, string? requestKey, CancellationToken cancellationToken = default) =>
        TryUseAsync(slug, challenge.Id, challenge.ExpiresAt, requestKey, cancellationToken);

    /// <summary>
    /// The same for anything used once under a random-looking <paramref name="id"/> (URL-safe, at least two
    /// characters) that nobody can send after <paramref name="expiresAt"/>: a CAPTCHA token's keyed hash, say.
    /// </summary>
    public async Task<bool> TryUseAsync(string slug, string id, DateTimeOffset expiresAt, string? requestKey, CancellationToken cancellationToken = default)
    {
        var partition = Partition(expiresAt, id);
        // Marks this very use, so an insert whose answer was lost and was retried is not taken for someone else's.
        var use = Guid.NewGuid().ToString("N");
        var row = new TableEntity(partition, id) { ["Campaign"] = slug, ["RequestKey"] = requestKey, [UseProperty] = use };
        if (await inserts.TryInsertAsync(row, cancellationToken)) return true;
        var used = await Table.GetEntityIfExistsAsync<TableEntity>(partition, id, ["RequestKey", UseProperty], cancellationToken);
        return used.HasValue
            && (used.Value!.GetString(UseProperty) == use || requestKey is not null && used.Value.GetString("RequestKey") == requestKey);
    }

    /// <summary>
    /// Who took <paramref name="id"/>, for a use that may have expired anywhere up to <paramref name="lifetime"/> from
    /// <paramref name="now"/>: true when it was <paramref name="requestKey"/>, false when it was another request, and
    /// null while nobody has. One query over the hours' partitions, which only a retry's doubt pays for.
    /// </summary>
    public async Task<bool?> TakenByAsync(string id, string requestKey, DateTimeOffset now, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        // "yyyyMMddHH-lane" sorts before "yyyyMMddHH." ('-' < '.'), so the range holds every lane of those hours.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Hour(now)} and PartitionKey lt {Hour(now + lifetime) + "."} and RowKey eq {id}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RequestKey"], cancellationToken: cancellationToken))
        {
            return row.GetString("RequestKey") == requestKey;
        }
        return null;
    }

    /// <summary>Deletes the rows of challenges that expired in an hour before the one of <paramref name="before"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset before, int most, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {Hour(before)}");
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count >= most) break;
        }
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                try
                {
                    await Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)),
                        cancellationToken);
                }
                catch (TableTransactionFailedException)
                {
                    // Another instance's sweep took some of them: delete the rest one by one (a missing row is no error).
                    foreach (var r in chunk)
                    {
                        try { await Table.DeleteEntityAsync(r.PartitionKey, r.RowKey, ETag.All, cancellationToken); }
                        catch (RequestFailedException ex) when (ex.Status == 404) { }
                    }
                }
            }
        }
        return rows.Count;
    }
}
