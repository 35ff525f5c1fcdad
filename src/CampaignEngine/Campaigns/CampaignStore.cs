using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Campaigns;

/// <summary>
/// Campaigns live in one partition of the campaigns table, keyed by slug; the definition is kept
/// as JSON so new campaign kinds need no schema change.
/// </summary>
public sealed class CampaignStore(StorageClients clients, StorageNames names)
{
    private const string Partition = "campaign";

    private TableClient Table => clients.Tables.GetTableClient(names.CampaignsTable);

    /// <summary>Stores a new campaign; false when the slug is taken.</summary>
    public async Task<bool> TryCreateCampaignAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(campaign), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredCampaign?> FindCampaignAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!Slug.IsValid(slug)) return null;
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, slug, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<CampaignPage> GetCampaignsAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var pages = Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
            maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return new CampaignPage(page.Values.Select(e => FromEntity(e).Campaign).ToList(), page.ContinuationToken);
        }
        return new CampaignPage([], null);
    }

    /// <summary>Replaces the campaign if nobody changed it since it was read; false on a concurrent change.</summary>
    public async Task<bool> TryReplaceCampaignAsync(Campaign campaign, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.UpdateEntityAsync(ToEntity(campaign), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(Campaign campaign) => new(Partition, campaign.Slug)
    {
        ["Kind"] = campaign.Kind.ToString(),
        ["Status"] = campaign.Status.ToString(),
        ["Definition"] = JsonSerializer.Serialize(campaign, EngineJson.Options),
    };

    private static StoredCampaign FromEntity(TableEntity entity) =>
        new(JsonSerializer.Deserialize<Campaign>(entity.GetString("Definition"), EngineJson.Options)!, entity.ETag);
}

public sealed record StoredCampaign(Campaign Campaign, ETag ETag);

public sealed record CampaignPage(IReadOnlyList<Campaign> Items, string? ContinuationToken);
