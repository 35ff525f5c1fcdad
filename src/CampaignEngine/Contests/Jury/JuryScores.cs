using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Contests.Jury;

/// <summary>One juror's scores of one entry: 0 to 10 for each of the contest's criteria, by criterion id.</summary>
public sealed record Scorecard(string JurorId, string EntryId, IReadOnlyDictionary<string, int> Scores, DateTimeOffset ScoredAt);

/// <summary>
/// Jurors' scorecards, in the entries table (partition <c>{slug}|s</c>, row key <c>{jurorId}|{entryId}</c>): a juror's own
/// cards read as one range, and a juror scoring an entry again replaces the card.
/// </summary>
public sealed class JuryScoreStore(StorageClients clients, StorageNames names)
{
    private TableClient Table => clients.Tables.GetTableClient(names.EntriesTable);

    public static string Partition(string slug) => slug + "|s";

    public Task PutAsync(string slug, Scorecard card, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(Partition(slug), card.JurorId + "|" + card.EntryId)
        {
            ["Scores"] = JsonSerializer.Serialize(card.Scores),
            ["ScoredAt"] = card.ScoredAt,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>One juror's cards, by entry id.</summary>
    public async Task<IReadOnlyDictionary<string, Scorecard>> OfJurorAsync(string slug, string jurorId, CancellationToken cancellationToken)
    {
        var cards = new Dictionary<string, Scorecard>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(slug)} and RowKey gt {jurorId + "|"} and RowKey lt {jurorId + "|~"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) cards[CardOf(row).EntryId] = CardOf(row);
        return cards;
    }

    /// <summary>Every card of the contest, whoever gave it (removed jurors' too: <see cref="JuryTally"/> leaves those out).</summary>
    public async IAsyncEnumerable<Scorecard> AllAsync(string slug, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(slug)}"),
            cancellationToken: cancellationToken))
        {
            yield return CardOf(row);
        }
    }

    private static Scorecard CardOf(TableEntity row)
    {
        var bar = row.RowKey.IndexOf('|');
        var scores = row.GetString("Scores") is { } json ? JsonSerializer.Deserialize<Dictionary<string, int>>(json)! : [];
        return new Scorecard(row.RowKey[..bar], row.RowKey[(bar + 1)..], scores, row.GetDateTimeOffset("ScoredAt") ?? default);
    }
}
