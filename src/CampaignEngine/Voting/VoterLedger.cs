using System.Globalization;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Voting;

/// <summary>Reads which vote slots a voter has already had counted; used only for returning devices without a ledger cookie.</summary>
public sealed class VoterLedger(StorageClients clients, StorageNames names)
{
    public async Task<IReadOnlyCollection<int>> GetUsedSlotsAsync(string partition, string voterKey, string period, CancellationToken cancellationToken = default)
    {
        var (from, to) = VoteKeys.VoterRange(voterKey, period);
        var table = clients.Tables.GetTableClient(names.VotesTable);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {to}");
        var slots = new List<int>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (int.TryParse(row.RowKey.AsSpan(row.RowKey.LastIndexOf('|') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var slot))
            {
                slots.Add(slot);
            }
        }
        return slots;
    }
}
