using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Campaigns;

/// <summary>
/// Fan traffic reads campaigns on every request; a short per-instance cache keeps that off storage.
/// Writes made through this instance evict at once; other instances see them within the TTL.
/// A busy campaign never waits for the read: past half its TTL an entry is read again in the
/// background (one read per slug), so under traffic it is replaced before it expires. Only a slug
/// not in the cache (or expired for lack of traffic) is read on the request path, and concurrent
/// requests for it share that one read. Without this, every TTL all of a hot campaign's requests
/// read the table at once and waited on it (up to 2.5 s while the table service was busy, bench/analysis.md).
/// </summary>
public sealed class CampaignCache(CampaignStore store, TimeProvider time, IOptions<EngineOptions> options, ILogger<CampaignCache> logger)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<Campaign?>>> reads = new();
    private long evictions;

    public async ValueTask<Campaign?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var ttl = options.Value.CampaignCacheDuration;
        if (entries.TryGetValue(slug, out var entry) && entry.LoadedAt + ttl > now)
        {
            if (entry.LoadedAt + ttl / 2 <= now) RefreshInBackground(slug);
            return entry.Campaign;
        }
        // The request does not own the shared read, so its cancellation only stops its own wait.
        return await ReadAsync(slug).WaitAsync(cancellationToken);
    }

    public void Evict(string slug)
    {
        // A read already under way may have started before the write: it must neither put the old
        // campaign back nor be shared with the requests that come after the write.
        Interlocked.Increment(ref evictions);
        reads.TryRemove(slug, out _);
        entries.TryRemove(slug, out _);
    }

    private void RefreshInBackground(string slug) =>
        // Its failure is logged (or met by the next request that has to wait): nothing to observe here.
        ReadAsync(slug).ContinueWith(static read => _ = read.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);

    private Task<Campaign?> ReadAsync(string slug)
    {
        Lazy<Task<Campaign?>>? read = null;
        read = new Lazy<Task<Campaign?>>(() => LoadAsync(slug, read!));
        return reads.GetOrAdd(slug, read).Value;
    }

    private async Task<Campaign?> LoadAsync(string slug, Lazy<Task<Campaign?>> read)
    {
        try
        {
            var generation = Interlocked.Read(ref evictions);
            var loadedAt = time.GetUtcNow();
            var stored = await store.FindCampaignAsync(slug, CancellationToken.None);
            var campaign = stored?.Campaign;
            // Unchanged (same ETag): keep the object in hand, so caches keyed on it (results, rendered pages) stay warm.
            if (stored is not null && entries.TryGetValue(slug, out var known) && known.ETag == stored.ETag) campaign = known.Campaign;
            if (Interlocked.Read(ref evictions) == generation)
            {
                if (entries.Count > 10_000) entries.Clear(); // bound memory against slug scanning
                entries[slug] = new Entry(campaign, loadedAt, stored?.ETag);
            }
            return campaign;
        }
        catch (Exception ex) when (entries.TryGetValue(slug, out var kept))
        {
            // The entry in hand (a refresh's, or one just expired) serves rather than an error; the next request tries again.
            logger.LogWarning("Could not refresh campaign {Slug}: {Reason}", slug, ex.Message);
            return kept.Campaign;
        }
        finally
        {
            reads.TryRemove(new KeyValuePair<string, Lazy<Task<Campaign?>>>(slug, read));
        }
    }

    private sealed record Entry(Campaign? Campaign, DateTimeOffset LoadedAt, Azure.ETag? ETag);
}
