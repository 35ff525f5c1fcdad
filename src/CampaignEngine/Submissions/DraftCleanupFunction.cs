using Azure;
using Azure.Data.Tables;
using CampaignEngine.Hosting;
using CampaignEngine.Storage;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Submissions;

/// <summary>
/// The <c>DraftCleanup</c> timer function: every hour (at minute 37) deletes the drafts fans left and did not come back
/// to within <see cref="DraftOptions.KeepFor"/>, since a draft holds what a fan typed and no fan is waiting on it. One
/// query over the table for the old rows, deletes in entity-group transactions per campaign; a delete that meets a
/// draft written since (the fan came back) is skipped for the next run.
/// </summary>
public sealed class DraftCleanupFunction(StorageClients clients, StorageNames names, TimeProvider time, IOptions<DraftOptions> options,
    ILogger<DraftCleanupFunction> logger) : ITimerFunction
{
    private const int MaxTransaction = 100;

    public string Name => "DraftCleanup";
    public string Schedule => "0 37 * * * *";
    public TimeSpan Period => TimeSpan.FromHours(1);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) =>
        logger.LogInformation("Draft cleanup{PastDue}: {Deleted} drafts deleted", invocation.IsPastDue ? " (past due)" : "", await CleanAsync(cancellationToken));

    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var table = clients.Tables.GetTableClient(names.DraftsTable);
        var cutoff = time.GetUtcNow() - options.Value.KeepFor;
        var old = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"At lt {cutoff}"), select: ["PartitionKey", "RowKey", "Timestamp"],
                           cancellationToken: cancellationToken))
        {
            old.Add(row);
        }
        var deleted = 0;
        foreach (var batch in old.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(MaxTransaction)))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken);
                deleted += batch.Length;
            }
            catch (TableTransactionFailedException)
            {
                // One of them changed since it was read (its fan came back) or is gone: the rest go one by one.
                foreach (var row in batch)
                {
                    try
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                        deleted++;
                    }
                    catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                    {
                    }
                }
            }
        }
        return deleted;
    }
}
