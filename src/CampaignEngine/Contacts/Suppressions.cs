using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Contacts;

/// <summary>
/// Contacts who asked to hear nothing more from the brand, whatever the campaign: one row per contact key in one
/// partition of the <c>suppressions</c> table. The engine runs for one brand, so "per brand" is the whole table. Every
/// mail is checked against it just before it goes out, which is what makes an unsubscribe take effect at once.
/// </summary>
public sealed class Suppressions(StorageClients clients, StorageNames names, TimeProvider time)
{
    private const string Partition = "brand";
    private TableClient Table => clients.Tables.GetTableClient(names.SuppressionsTable);

    public async Task SuppressAsync(string key, string source, CancellationToken cancellationToken = default)
    {
        if (!ContactKeys.IsKey(key)) throw new ArgumentException("Not a contact key.", nameof(key));
        var row = new TableEntity(Partition, key) { ["SuppressedAt"] = time.GetUtcNow().UtcDateTime, ["Source"] = source };
        try
        {
            await Table.AddEntityAsync(row, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // Already suppressed: the first time stands.
        }
    }

    public async Task<bool> IsSuppressedAsync(string key, CancellationToken cancellationToken = default) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(Partition, key, ["RowKey"], cancellationToken)).HasValue;
}
