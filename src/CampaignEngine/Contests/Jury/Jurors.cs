using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Contests.Jury;

/// <summary>A juror of one contest: who they are to the marketer. Their key is shown once, when they are added.</summary>
public sealed record Juror(string Id, string Name, DateTimeOffset AddedAt);

/// <summary>
/// A contest's jurors, in the entries table (partition <c>{slug}|j</c>). A juror's key is an API key scoped to judging
/// that one contest; only its SHA-256 is kept, as the row key, so a presented key is found with one point read and a
/// leaked table gives no key away. The keys are 256 random bits, so a plain hash is enough (no guessing to slow down).
/// </summary>
public sealed class JurorStore(StorageClients clients, StorageNames names)
{
    public const int MaxJurors = 50;
    public const int MaxName = 100;
    private const string KeyPrefix = "cej_";

    private TableClient Table => clients.Tables.GetTableClient(names.EntriesTable);

    public static string Partition(string slug) => slug + "|j";

    public async Task<(Juror Juror, string Key)> AddAsync(string slug, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var juror = new Juror(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), name, at);
        await Table.AddEntityAsync(new TableEntity(Partition(slug), HashOf(key)) { ["Id"] = juror.Id, ["Name"] = name, ["AddedAt"] = at },
            cancellationToken);
        return (juror, key);
    }

    public async Task<IReadOnlyList<Juror>> ListAsync(string slug, CancellationToken cancellationToken)
    {
        var jurors = new List<Juror>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(slug)}"),
            cancellationToken: cancellationToken))
        {
            jurors.Add(JurorOf(row));
        }
        return jurors.OrderBy(j => j.AddedAt).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Takes a juror off the contest: their key stops working at once, and their scores stop counting.</summary>
    public async Task<bool> RemoveAsync(string slug, string jurorId, CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(slug)} and Id eq {jurorId}"),
            cancellationToken: cancellationToken))
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>The juror a presented key belongs to, for this contest only; null for any other key.</summary>
    public async Task<Juror?> FindByKeyAsync(string slug, string? key, CancellationToken cancellationToken)
    {
        if (key is null || !key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100) return null;
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(slug), HashOf(key), cancellationToken: cancellationToken);
        return row.HasValue ? JurorOf(row.Value!) : null;
    }

    private static Juror JurorOf(TableEntity row) =>
        new(row.GetString("Id") ?? "", row.GetString("Name") ?? "", row.GetDateTimeOffset("AddedAt") ?? row.Timestamp ?? default);

    private static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
