namespace CampaignEngine.Campaigns;

/// <summary>What a change decides, given the campaign as stored: write it back changed, delete it, or stop with an answer.</summary>
public abstract record CampaignChange<T>
{
    private CampaignChange() { }

    public sealed record Replace(Campaign Next) : CampaignChange<T>;

    public sealed record Delete : CampaignChange<T>;

    public sealed record Stop(T Answer) : CampaignChange<T>;
}

public enum CampaignUpdateStatus
{
    Saved,
    Deleted,
    Stopped,
    NotFound,

    /// <summary>The caller's If-Match no longer matches: someone changed the campaign since the caller read it.</summary>
    Stale,

    /// <summary>Others kept changing the campaign while this change was retried.</summary>
    Busy,
}

public sealed record CampaignUpdate<T>(CampaignUpdateStatus Status, StoredCampaign? Saved = null, T? Answer = default);

/// <summary>
/// The one read → decide → write-under-the-ETag loop of every campaign change. A concurrent change
/// makes it read again and decide again, unless the caller named the version it meant (If-Match):
/// then the change is stale, as the caller decided on what it saw.
/// </summary>
public sealed class CampaignUpdates(CampaignStore store, CampaignCache cache)
{
    private const int Attempts = 5;

    public async Task<CampaignUpdate<T>> ApplyAsync<T>(
        string slug, string? ifMatch, Func<StoredCampaign, CampaignChange<T>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await store.FindCampaignAsync(slug, cancellationToken) is not { } stored) return new(CampaignUpdateStatus.NotFound);
            if (ifMatch is not null && !CampaignETags.Matches(ifMatch, stored.ETag)) return new(CampaignUpdateStatus.Stale);

            switch (decide(stored))
            {
                case CampaignChange<T>.Stop stop:
                    return new(CampaignUpdateStatus.Stopped, stored, stop.Answer);
                case CampaignChange<T>.Replace replace:
                    if (await store.TryReplaceCampaignAsync(replace.Next, stored.ETag, cancellationToken) is { } saved)
                    {
                        cache.Evict(slug);
                        return new(CampaignUpdateStatus.Saved, saved);
                    }
                    break;
                case CampaignChange<T>.Delete:
                    if (await store.TryDeleteCampaignAsync(slug, stored.ETag, cancellationToken))
                    {
                        cache.Evict(slug);
                        return new(CampaignUpdateStatus.Deleted);
                    }
                    break;
            }
            if (ifMatch is not null) return new(CampaignUpdateStatus.Stale);
        }
        return new(CampaignUpdateStatus.Busy);
    }
}
