using System.Globalization;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Submissions;

/// <summary>
/// Reads which slots of an action a participant has already had counted. Used for returning devices without a
/// ledger cookie, and for idempotent requests, to find the vote a retry stands for.
/// </summary>
public sealed class VoterLedger(StorageClients clients, StorageNames names)
{
    public const string RequestKeyProperty = "RequestKey";

    public async Task<IReadOnlyList<CountedSlot>> GetCountedSlotsAsync(string partition, string action, string voterKey, string period, CancellationToken cancellationToken = default)
    {
        var (from, to) = SubmissionKeys.ParticipantRange(action, voterKey, period);
        var table = clients.Tables.GetTableClient(names.VotesTable);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {to}");
        var slots = new List<CountedSlot>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", RequestKeyProperty], cancellationToken: cancellationToken))
        {
            if (int.TryParse(row.RowKey.AsSpan(row.RowKey.LastIndexOf('|') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var slot))
            {
                slots.Add(new CountedSlot(slot, row.GetString(RequestKeyProperty)));
            }
        }
        return slots;
    }

    /// <summary>
    /// For a per-item action (a contest's votes), how many of its slots the participant has had counted per item in one
    /// period: one range read of the participant's rows (<paramref name="itemPeriodPrefix"/>, see
    /// <see cref="Kinds.AllowanceRule.ItemPeriodPrefix"/>), whatever number of items they took part on.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> GetCountedPerItemAsync(
        string partition, string action, string voterKey, string itemPeriodPrefix, CancellationToken cancellationToken = default)
    {
        var from = $"{action}|{voterKey}|{itemPeriodPrefix}";
        var table = clients.Tables.GetTableClient(names.VotesTable);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {from + "~"}");
        var counted = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var slotBar = row.RowKey.LastIndexOf('|');
            if (slotBar <= from.Length) continue;
            var item = row.RowKey[from.Length..slotBar];
            counted[item] = counted.GetValueOrDefault(item) + 1;
        }
        return counted;
    }
}

/// <summary>A slot whose vote is counted, and the idempotent request that cast it, if any.</summary>
public sealed record CountedSlot(int Slot, string? RequestKey);
