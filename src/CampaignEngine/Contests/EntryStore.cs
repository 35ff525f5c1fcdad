using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Contests;

/// <summary>An entry's moderation state.</summary>
public static class EntryStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    /// <summary>Removed by a moderator: its text is gone, the row stays so a redelivery cannot bring it back.</summary>
    public const string Deleted = "deleted";

    /// <summary>Not stored: approved entries that fans' flags have hidden (the board knows them).</summary>
    public const string Flagged = "flagged";

    public static readonly IReadOnlyList<string> Listed = [Pending, Approved, Rejected, Deleted, Flagged];
}

/// <summary>An entry as stored: what the fan sent and where moderation has put it.</summary>
public sealed record Entry(
    string Id,
    string Title,
    string? Caption,
    string Status,
    bool Featured,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? ModeratedAt,
    string? RejectReason,
    DateTimeOffset ChangedAt,
    long FlagsSeen = 0,
    EntryPhoto? Photo = null)
{
    /// <summary>Approved, and its photo (if it has one) ready to show.</summary>
    public bool Visible => Status == EntryStatus.Approved && Photo is null or { Ready: true };
}

/// <summary>
/// The entries table: one row per entry (partition <c>{slug}|{first hex digit of the id}</c>, row key the id). A row is
/// only ever inserted if absent, so a redelivered entry cannot undo what a moderator decided since.
/// </summary>
public sealed class EntryStore
{
    private readonly StorageClients clients;
    private readonly StorageNames names;
    private readonly InsertBatcher inserts;

    public EntryStore(StorageClients clients, StorageNames names)
    {
        this.clients = clients;
        this.names = names;
        inserts = new InsertBatcher(Table);
    }

    private TableClient Table => clients.Tables.GetTableClient(names.EntriesTable);

    public Task AddIfAbsentAsync(string slug, IEnumerable<Entry> entries, CancellationToken cancellationToken) =>
        Task.WhenAll(entries.Select(e => inserts.TryInsertAsync(RowOf(slug, e), cancellationToken)));

    public async Task<Entry?> GetAsync(string slug, string id, CancellationToken cancellationToken)
    {
        if (!EntryKeys.IsId(id)) return null;
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(EntryKeys.Partition(slug, id), id, cancellationToken: cancellationToken);
        return row.HasValue ? EntryOf(row.Value!) : null;
    }

    /// <summary>The contest's entries with a status (all when null), a page at a time in id order.</summary>
    public async Task<(IReadOnlyList<Entry> Items, string? ContinuationToken)> ListAsync(
        string slug, string? status, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var (from, to) = EntryKeys.Partitions(slug);
        var filter = status is null
            ? TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey lt {to}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey lt {to} and Status eq {status}");
        var pages = Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit);
        await foreach (var page in pages)
        {
            return (page.Values.Select(EntryOf).ToList(), page.ContinuationToken);
        }
        return ([], null);
    }

    /// <summary>Every entry of the contest changed at or after <paramref name="since"/> (all of them when null).</summary>
    public async IAsyncEnumerable<Entry> ChangedSinceAsync(
        string slug, DateTimeOffset? since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = EntryKeys.Partitions(slug);
        var filter = since is { } at
            ? TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey lt {to} and Timestamp ge {at}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey lt {to}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) yield return EntryOf(row);
    }

    /// <summary>Applies a moderator's change to one entry under its ETag; false when there is no such entry.</summary>
    public async Task<bool> ChangeAsync(string slug, string id, Func<TableEntity, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(EntryKeys.Partition(slug, id), id, cancellationToken: cancellationToken);
            if (!found.HasValue) return false;
            var row = found.Value!;
            if (!change(row)) return true;
            try
            {
                await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 10)
            {
                // Another moderator changed it since the read: apply the change to what is there now.
            }
        }
    }

    private static TableEntity RowOf(string slug, Entry entry)
    {
        var row = new TableEntity(EntryKeys.Partition(slug, entry.Id), entry.Id)
        {
            ["Title"] = entry.Title,
            ["Status"] = entry.Status,
            ["Featured"] = entry.Featured,
            ["SubmittedAt"] = entry.SubmittedAt,
        };
        if (entry.Caption is not null) row["Caption"] = entry.Caption;
        if (entry.Photo is { } photo) WritePhoto(row, photo);
        return row;
    }

    private static readonly string[] PhotoColumns = ["PhotoState", "Photo", "PhotoWebP", "Thumbnail", "ThumbnailWebP", "PhotoWidth", "PhotoHeight"];

    /// <summary>Takes the photo off the entry's row (a deleted entry), so neither photo route serves it.</summary>
    public static void RemovePhoto(TableEntity row)
    {
        foreach (var column in PhotoColumns) row.Remove(column);
    }

    /// <summary>The photo's state and renditions on the entry's row.</summary>
    public static void WritePhoto(TableEntity row, EntryPhoto photo)
    {
        row["PhotoState"] = photo.State;
        row["Photo"] = photo.Display;
        row["PhotoWebP"] = photo.DisplayWebP;
        row["Thumbnail"] = photo.Thumbnail;
        row["ThumbnailWebP"] = photo.ThumbnailWebP;
        row["PhotoWidth"] = photo.Width;
        row["PhotoHeight"] = photo.Height;
    }

    private static EntryPhoto? PhotoOf(TableEntity row) => row.GetString("PhotoState") is { } state
        ? new EntryPhoto(state, row.GetString("Photo"), row.GetString("PhotoWebP"), row.GetString("Thumbnail"), row.GetString("ThumbnailWebP"),
            row.GetInt32("PhotoWidth") ?? 0, row.GetInt32("PhotoHeight") ?? 0)
        : null;

    internal static Entry EntryOf(TableEntity row) => new(
        row.RowKey,
        row.GetString("Title") ?? "",
        row.GetString("Caption"),
        row.GetString("Status") ?? EntryStatus.Pending,
        row.GetBoolean("Featured") ?? false,
        row.GetDateTimeOffset("SubmittedAt") ?? row.Timestamp ?? default,
        row.GetDateTimeOffset("ModeratedAt"),
        row.GetString("RejectReason"),
        row.Timestamp ?? default,
        row.GetInt64("FlagsSeen") ?? 0,
        PhotoOf(row));
}
