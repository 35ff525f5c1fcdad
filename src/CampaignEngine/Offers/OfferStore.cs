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
            r.GetString("StaffPinHash"), r.GetString("LinkBase"), r.GetDateTimeOffset("UpdatedAt") ?? default, r.GetDateTimeOffset("SentAt"));
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
            ["SentAt"] = offer.SentAt?.UtcDateTime,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        // Listed for the close-time send while it has not gone out; an offer changed to go out otherwise leaves the list.
        if (offer.SendWhen == OfferSendWhen.AtClose && offer.SentAt is null)
            await Table.UpsertEntityAsync(new TableEntity(CloseSendsPartition, slug), TableUpdateMode.Replace, cancellationToken);
        else
            await Table.DeleteEntityAsync(CloseSendsPartition, slug, cancellationToken: cancellationToken);
    }

    /// <summary>The campaigns whose offer is to go out at close and has not yet.</summary>
    public async Task<IReadOnlyList<string>> AwaitingCloseAsync(CancellationToken cancellationToken = default)
    {
        var slugs = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CloseSendsPartition}"), select: ["RowKey"],
                           cancellationToken: cancellationToken))
            slugs.Add(row.RowKey);
        return slugs;
    }

    /// <summary>Records that the close-time send is done: the offer says when, and the campaign leaves the list.</summary>
    public async Task MarkSentAsync(string slug, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await Table.UpdateEntityAsync(new TableEntity(slug, OfferRow) { ["SentAt"] = at.UtcDateTime }, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        await Table.DeleteEntityAsync(CloseSendsPartition, slug, cancellationToken: cancellationToken);
    }

    /// <summary>Takes the close-time send of a campaign for <paramref name="lease"/>, or false while another instance holds it.</summary>
    public async Task<bool> TakeSendLeaseAsync(string slug, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, OfferRow, ["SendLeaseUntil"], cancellationToken);
        if (!row.HasValue || row.Value!.GetDateTimeOffset("SendLeaseUntil") > now) return false;
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(slug, OfferRow) { ["SendLeaseUntil"] = (now + lease).UtcDateTime }, row.Value.ETag,
                TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Where the close-time send has got to (the last contact row handed out), and a longer lease with it.</summary>
    public Task SaveSendProgressAsync(string slug, string lastRowKey, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        Table.UpdateEntityAsync(new TableEntity(slug, OfferRow) { ["SendFrom"] = lastRowKey, ["SendLeaseUntil"] = leaseUntil.UtcDateTime }, Azure.ETag.All,
            TableUpdateMode.Merge, cancellationToken);

    public async Task<string?> SendProgressAsync(string slug, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, OfferRow, ["SendFrom"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("SendFrom") : null;
    }
}
