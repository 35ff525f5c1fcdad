using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using CampaignEngine.Storage;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Contests;

/// <summary>
/// What a board read left in memory, as a blob per contest, so an instance that starts cold reads only what changed
/// since instead of the whole entries table (a full read of 130,000 entries took 47 s on Azurite). Any instance may
/// write it and the last write wins: each is a state some instance's board held, which the next read by what changed
/// (with its overlap) brings up to date exactly as it would have brought that instance's.
/// </summary>
public sealed record BoardSnapshot(
    int Version,
    string Slug,
    DateTimeOffset Newest,
    IReadOnlyList<Entry> Entries,
    IReadOnlyDictionary<string, Dictionary<string, long>> Rows)
{
    /// <summary>A snapshot of another version is ignored (read whole instead), so a change of format needs no migration.</summary>
    public const int CurrentVersion = 1;
}

/// <summary>Reads and writes board snapshots (gzipped JSON in the private <c>boards</c> container); without blob storage, none.</summary>
public sealed class BoardSnapshots(StorageClients clients, StorageNames names, IOptions<ContestOptions> options, ILogger<BoardSnapshots> logger)
{
    public bool Enabled => clients.HasBlobs && options.Value.BoardSnapshots;

    public async Task<BoardSnapshot?> ReadAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Enabled) return null;
        try
        {
            var download = await Blob(slug).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var body = download.Value.Content;
            await using var unzipped = new GZipStream(body, CompressionMode.Decompress);
            var snapshot = await JsonSerializer.DeserializeAsync<BoardSnapshot>(unzipped, EngineJson.Options, cancellationToken);
            if (snapshot is { Version: BoardSnapshot.CurrentVersion } && snapshot.Slug == slug && snapshot.Entries is not null && snapshot.Rows is not null)
            {
                return snapshot;
            }
            logger.LogWarning("Board snapshot of {Campaign} is of another version or contest; reading the board whole", slug);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException ex)
        {
            // The blob service failing must not fail the board: reading it whole is slower, never wrong.
            logger.LogWarning(ex, "Board snapshot of {Campaign} could not be read ({Status}); reading the board whole", slug, ex.Status);
            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            logger.LogWarning(ex, "Board snapshot of {Campaign} is unreadable; reading the board whole", slug);
            return null;
        }
    }

    public async Task WriteAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!Enabled) return;
        using var buffer = new MemoryStream();
        await using (var zipped = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(zipped, snapshot, EngineJson.Options, cancellationToken);
        }
        buffer.Position = 0;
        await Blob(snapshot.Slug).UploadAsync(buffer, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" } },
            cancellationToken);
    }

    private Azure.Storage.Blobs.BlobClient Blob(string slug) =>
        clients.Blobs.GetBlobContainerClient(names.BoardsContainer).GetBlobClient(slug + ".json.gz");
}
