using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Campaigns;

/// <summary>
/// Fan traffic reads campaigns on every request; a short per-instance cache keeps that off storage.
/// Writes made through this instance evict at once; other instances see them within the TTL.
/// </summary>
public sealed class CampaignCache(CampaignStore store, TimeProvider time, IOptions<EngineOptions> options)
{
    private readonly ConcurrentDictionary<string, (Campaign? Campaign, DateTimeOffset Expires)> entries = new();

    public async ValueTask<Campaign?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (entries.TryGetValue(slug, out var entry) && entry.Expires > now)
        {
            return entry.Campaign;
        }
        var stored = await store.FindCampaignAsync(slug, cancellationToken);
        if (entries.Count > 10_000) entries.Clear(); // bound memory against slug scanning
        entries[slug] = (stored?.Campaign, now + options.Value.CampaignCacheDuration);
        return stored?.Campaign;
    }

    public void Evict(string slug) => entries.TryRemove(slug, out _);
}
