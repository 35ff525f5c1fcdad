using Azure.Data.Tables;
using CampaignEngine.Storage;
using static CampaignEngine.Offers.OfferRows;

namespace CampaignEngine.Offers;

/// <summary>Campaigns' offers, each the <c>offer</c> row of its campaign's partition of the <c>offers</c> table.</summary>
public sealed class OfferStore(StorageClients clients, StorageNames names)
{
    internal TableClient Table => clients.Tables.GetTableClient(names.OffersTable);

    public async Task<Offer?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, OfferRow, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var r = row.Value!;
        return new Offer(r.GetString("Subject"), r.GetString("Message"), r.GetString("SendWhen"), r.GetDateTimeOffset("ExpiresAt"),
            r.GetString("StaffPinHash"), r.GetString("LinkBase"), r.GetDateTimeOffset("UpdatedAt") ?? default);
    }

    public async Task SetAsync(string slug, Offer offer, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(slug, OfferRow)
        {
            ["Subject"] = offer.Subject,
            ["Message"] = offer.Message,
            ["SendWhen"] = offer.SendWhen,
            ["ExpiresAt"] = offer.ExpiresAt?.UtcDateTime,
            ["StaffPinHash"] = offer.StaffPinHash,
            ["LinkBase"] = offer.LinkBase,
            ["UpdatedAt"] = offer.UpdatedAt.UtcDateTime,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}
