using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Kinds;
using CampaignEngine.Storage;

namespace CampaignEngine.Campaigns;

/// <summary>
/// Campaigns live in one partition of the campaigns table, keyed by slug. What every kind shares
/// is kept as JSON in <c>Definition</c>, the kind's settings (written by the kind) in
/// <c>Settings</c>, so new kinds need no schema change.
/// </summary>
public sealed class CampaignStore(StorageClients clients, StorageNames names, CampaignKinds kinds)
{
    private const string Partition = "campaign";

    /// <summary>The campaign as JSON without its settings, which the kind writes and reads on its own.</summary>
    private static readonly JsonSerializerOptions DefinitionJson = new(EngineJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                type =>
                {
                    if (type.Type != typeof(Campaign)) return;
                    type.Properties.Remove(type.Properties.Single(p => p.Name == "settings"));
                },
            },
        },
    };

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

    /// <summary>
    /// One table page of campaigns matching the status and kind filters (both checked by the
    /// table service). A title search is the caller's, as Table storage cannot search text.
    /// </summary>
    public async Task<(IReadOnlyList<StoredCampaign> Items, string? ContinuationToken)> GetCampaignPageAsync(
        CampaignFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (filter.Statuses is { Count: > 0 } statuses)
        {
            query += " and (" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")";
        }
        if (filter.Kind is { } kind) query += " and " + TableClient.CreateQueryFilter($"Kind eq {kind}");

        var pages = Table.QueryAsync<TableEntity>(query, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return (page.Values.Select(FromEntity).ToList(), page.ContinuationToken);
        }
        return ([], null);
    }

    /// <summary>Replaces the campaign if nobody changed it since it was read; null on a concurrent change.</summary>
    public async Task<StoredCampaign?> TryReplaceCampaignAsync(Campaign campaign, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(campaign), etag, TableUpdateMode.Replace, cancellationToken);
            return new StoredCampaign(campaign, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Deletes the campaign if nobody changed it since it was read; false on a concurrent change.</summary>
    public async Task<bool> TryDeleteCampaignAsync(string slug, ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, slug, etag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private TableEntity ToEntity(Campaign campaign) => new(Partition, campaign.Slug)
    {
        ["Kind"] = campaign.Kind,
        ["Status"] = campaign.Status.ToString(),
        ["Definition"] = JsonSerializer.Serialize(campaign, DefinitionJson),
        ["Settings"] = kinds.Get(campaign.Kind).WriteStored(campaign.Settings),
    };

    private StoredCampaign FromEntity(TableEntity entity)
    {
        var definition = entity.GetString("Definition");
        var stored = JsonSerializer.Deserialize<Campaign>(definition, DefinitionJson)!;
        var kind = kinds.Get(stored.Kind);
        // Campaigns stored before kinds had sections kept their settings inside the definition.
        var campaign = stored with { Settings = kind.ReadStored(entity.GetString("Settings") ?? definition) };
        return new StoredCampaign(campaign, entity.ETag);
    }
}

public sealed record StoredCampaign(Campaign Campaign, ETag ETag);

/// <summary>Which campaigns a list shows: by status (any of), by kind, by words in the title.</summary>
public sealed record CampaignFilter(IReadOnlyList<CampaignStatus>? Statuses, string? Kind, string? Search);
