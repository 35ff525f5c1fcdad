using Azure;
using Azure.Data.Tables;

namespace CampaignEngine.Storage;

/// <summary>
/// Group commit for insert-if-absent rows of one table: while a partition's insert is in flight, the
/// rows that arrive for that partition wait and then go together in one entity-group transaction (up
/// to 100). One request then stands for many rows when they arrive fast, and a lone row still goes out
/// at once. Each caller learns whether its own row was inserted or was there already.
/// </summary>
public sealed class InsertBatcher(TableClient table)
{
    /// <summary>An entity-group transaction holds at most 100 operations.</summary>
    public const int MaxRows = 100;

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Pending>> waiting = [];

    /// <summary>
    /// True when the row was inserted, false when one with its keys existed. Storage errors other than
    /// that conflict are thrown. The insert is not cancelled with the caller: other callers' rows travel with it.
    /// </summary>
    public Task<bool> TryInsertAsync(TableEntity row, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(row, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool first;
        lock (gate)
        {
            // A partition with a list is one whose lane is running: the lane takes the row on its next round.
            first = !waiting.TryGetValue(row.PartitionKey, out var lane);
            if (first) waiting[row.PartitionKey] = lane = [];
            lane!.Add(pending);
        }
        if (first) _ = Task.Run(() => RunLaneAsync(row.PartitionKey));
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunLaneAsync(string partition)
    {
        while (TakeRound(partition) is { } round)
        {
            await InsertAsync(round);
        }
    }

    /// <summary>Up to <see cref="MaxRows"/> rows with distinct row keys (a transaction may not touch a row twice); null ends the lane.</summary>
    private List<Pending>? TakeRound(string partition)
    {
        lock (gate)
        {
            var lane = waiting[partition];
            if (lane.Count == 0)
            {
                waiting.Remove(partition);
                return null;
            }
            var round = new List<Pending>(Math.Min(lane.Count, MaxRows));
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < lane.Count && round.Count < MaxRows; i++)
            {
                if (!keys.Add(lane[i].Row.RowKey)) continue;
                round.Add(lane[i]);
                lane[i] = null!;
            }
            lane.RemoveAll(p => p is null);
            return round;
        }
    }

    private async Task InsertAsync(List<Pending> round)
    {
        if (round.Count > 1)
        {
            try
            {
                await table.SubmitTransactionAsync(round.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Row)));
                foreach (var p in round) p.Done.TrySetResult(true);
                return;
            }
            catch (TableTransactionFailedException)
            {
                // Some row was there already, and the whole transaction was refused: find out which one by one.
            }
            catch (Exception ex)
            {
                foreach (var p in round) p.Done.TrySetException(ex);
                return;
            }
        }
        await Task.WhenAll(round.Select(InsertOneAsync));
    }

    private async Task InsertOneAsync(Pending pending)
    {
        try
        {
            await table.AddEntityAsync(pending.Row);
            pending.Done.TrySetResult(true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            pending.Done.TrySetResult(false);
        }
        catch (Exception ex)
        {
            pending.Done.TrySetException(ex);
        }
    }

    private sealed record Pending(TableEntity Row, TaskCompletionSource<bool> Done);
}
