using Azure.Data.Tables;
using CampaignEngine.Campaigns;
using CampaignEngine.Review;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;

namespace CampaignEngine.Surveys.Export;

/// <summary>A counted (or held, or discarded) response as its row keeps it.</summary>
public sealed record StoredResponse(string Receipt, DateTimeOffset AcceptedAt, string Status, SurveyResponseData Data);

/// <summary>
/// Reads a survey's responses from their rows, shard by shard, a page of the table at a time: an export of 100,000
/// responses holds one page in memory, not the lot.
/// </summary>
public sealed class StoredResponses(StorageClients clients, StorageNames names)
{
    private static readonly string[] Columns = ["Receipt", "AcceptedAt", "Answers", ReviewRows.StatusProperty, ReviewRows.DataProperty];

    /// <summary>
    /// The responses of one shard after <paramref name="afterRowKey"/> (all of them when null), in row key order, each with
    /// its row key so a list can resume after the last one it showed.
    /// </summary>
    public async IAsyncEnumerable<(string RowKey, StoredResponse Response)> ReadShardAsync(
        Campaign campaign, int shard, string? afterRowKey, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = clients.Tables.GetTableClient(names.VotesTable);
        var code = SurveyKind.RespondCode;
        var partition = SubmissionKeys.Partition(campaign.Slug, shard);
        var filter = afterRowKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {code + "|"} and RowKey lt {code + "|~"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {afterRowKey} and RowKey lt {code + "|~"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: [.. Columns, "RowKey"], cancellationToken: cancellationToken))
        {
            if (Of(row) is { } response) yield return (row.RowKey, response);
        }
    }

    public async IAsyncEnumerable<StoredResponse> ReadAsync(Campaign campaign, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < campaign.Shards; shard++)
        {
            await foreach (var (_, response) in ReadShardAsync(campaign, shard, null, cancellationToken)) yield return response;
        }
    }

    // A held response keeps what it would count under Data, and nothing under Answers until it is released.
    private static StoredResponse? Of(TableEntity row) =>
        (row.GetString("Answers") ?? row.GetString(ReviewRows.DataProperty)) is { } data
            ? new StoredResponse(row.GetString("Receipt") ?? row.RowKey, row.GetDateTimeOffset("AcceptedAt") ?? default,
                row.GetString(ReviewRows.StatusProperty) ?? "counted", SurveyResponseData.Read(data))
            : null;
}
