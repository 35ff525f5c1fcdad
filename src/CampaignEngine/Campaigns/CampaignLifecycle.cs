namespace CampaignEngine.Campaigns;

/// <summary>Moves campaigns draft → live → closed. Repeating a move that already happened is a no-op.</summary>
public sealed class CampaignLifecycle(CampaignStore store, CampaignCache cache, TimeProvider time, ILogger<CampaignLifecycle> logger)
{
    public sealed record Outcome(Campaign? Campaign, bool NotFound = false, string? Error = null);

    public async Task<Outcome> MoveAsync(string slug, CampaignStatus target, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await store.FindCampaignAsync(slug, cancellationToken) is not { } stored)
            {
                return new Outcome(null, NotFound: true);
            }

            var campaign = stored.Campaign;
            if (campaign.Status == target) return new Outcome(campaign);

            var now = time.GetUtcNow();
            Campaign? next = (campaign.Status, target) switch
            {
                (CampaignStatus.Draft, CampaignStatus.Live) => campaign with { Status = target, PublishedAt = now },
                (CampaignStatus.Live, CampaignStatus.Closed) => campaign with { Status = target, ClosedAt = now },
                _ => null,
            };
            if (next is null)
            {
                return new Outcome(null, Error: $"A {Describe(campaign.Status)} campaign cannot be {Describe(target)}.");
            }

            if (await store.TryReplaceCampaignAsync(next, stored.ETag, cancellationToken))
            {
                cache.Evict(slug);
                logger.LogInformation("Campaign {Slug} is now {Status}", slug, target);
                return new Outcome(next);
            }
        }
        return new Outcome(null, Error: "The campaign changed while this request ran; try again.");
    }

    private static string Describe(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "draft",
        CampaignStatus.Live => "published",
        _ => "closed",
    };
}
