using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Surveys.Quotas;

/// <summary>
/// What each survey quota has taken: one row per quota (partition: the survey), its count replaced under its ETag, so
/// two instances taking the last place at once cannot both have it: one replace wins, the other reads again and finds
/// the quota full. Every fan of one quota meets on one row, which is what "never over" costs: a few hundred takes a
/// second per quota on the table service, with retries under contention.
/// </summary>
public sealed class QuotaStore(StorageClients clients, StorageNames names)
{
    private const string CountProperty = "Count";
    private const int MaxAttempts = 60;

    private TableClient Table => clients.Tables.GetTableClient(names.QuotasTable);

    /// <summary>Takes one place of the quota; false when all <paramref name="limit"/> are taken.</summary>
    public Task<bool> TryTakeAsync(string slug, string quota, long limit, CancellationToken cancellationToken) =>
        ChangeAsync(slug, quota, count => count < limit ? count + 1 : null, cancellationToken);

    /// <summary>Gives a place back (its submission could not be queued).</summary>
    public Task GiveBackAsync(string slug, string quota, CancellationToken cancellationToken) =>
        ChangeAsync(slug, quota, count => count > 0 ? count - 1 : null, cancellationToken);

    /// <summary>
    /// Replaces the quota's count with <paramref name="next"/> of it (a missing row counts 0) under the row's ETag, reading
    /// again when another change won the round; false when <paramref name="next"/> declines (null).
    /// </summary>
    private async Task<bool> ChangeAsync(string slug, string quota, Func<long, long?> next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, quota, cancellationToken: cancellationToken);
                var count = row.HasValue ? row.Value!.GetInt64(CountProperty) ?? 0 : 0;
                if (next(count) is not { } changed) return false;
                var entity = new TableEntity(slug, quota) { [CountProperty] = changed };
                if (row.HasValue) await Table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else await Table.AddEntityAsync(entity, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another change won this round: read again, after a moment that spreads the next round out.
                await Task.Delay(Random.Shared.Next(1, 5 + attempt * 2), cancellationToken);
            }
        }
    }

    /// <summary>Whether all <paramref name="limit"/> places are taken (a read: nothing is taken).</summary>
    public async Task<bool> IsFullAsync(string slug, string quota, long limit, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, quota, [CountProperty], cancellationToken);
        return (row.HasValue ? row.Value!.GetInt64(CountProperty) ?? 0 : 0) >= limit;
    }

    /// <summary>Every quota's count of the survey, by quota id.</summary>
    public async Task<Dictionary<string, long>> CountsAsync(string slug, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"), cancellationToken: cancellationToken))
        {
            counts[row.RowKey] = row.GetInt64(CountProperty) ?? 0;
        }
        return counts;
    }
}
