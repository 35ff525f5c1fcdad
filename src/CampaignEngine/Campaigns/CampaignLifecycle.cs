namespace CampaignEngine.Campaigns;

/// <summary>
/// Moves campaigns draft → live → closed → archived. Repeating a move that already happened is a
/// no-op (so a retried publish is safe); any other move is refused with the reason.
/// </summary>
public sealed class CampaignLifecycle(CampaignUpdates updates, TimeProvider time, ILogger<CampaignLifecycle> logger)
{
    public sealed record Outcome(StoredCampaign? Stored, bool NotFound = false, string? Error = null, IReadOnlyList<string>? Warnings = null);

    public async Task<Outcome> MoveAsync(string slug, CampaignStatus target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Campaign? before = null;
        var update = await updates.ApplyAsync<Outcome>(slug, ifMatch: null, stored =>
        {
            var campaign = before = stored.Campaign;
            if (campaign.Status == target) return new CampaignChange<Outcome>.Stop(new Outcome(stored));
            if (target == CampaignStatus.Live && campaign.EndsAt is { } ends && ends <= now)
            {
                return new CampaignChange<Outcome>.Stop(new Outcome(null, Error: "Its end (endsAt) has passed: set a later end, or none, before publishing."));
            }

            Campaign? next = (campaign.Status, target) switch
            {
                (CampaignStatus.Draft, CampaignStatus.Live) => campaign with { Status = target, PublishedAt = now },
                (CampaignStatus.Live, CampaignStatus.Closed) => campaign with { Status = target, ClosedAt = now },
                (CampaignStatus.Closed, CampaignStatus.Archived) => campaign with { Status = target, ArchivedAt = now },
                _ => null,
            };
            return next is null
                ? new CampaignChange<Outcome>.Stop(new Outcome(null,
                    Error: $"A {Describe(campaign.Status)} campaign cannot be {Describe(target)}.{Hint(campaign.Status, target)}"))
                : new CampaignChange<Outcome>.Replace(next);
        }, cancellationToken);

        switch (update.Status)
        {
            case CampaignUpdateStatus.Saved:
                logger.LogInformation("Campaign {Slug} is now {Status}", slug, target);
                return new Outcome(update.Saved, Warnings: WarningsOf(before!, target, now));
            case CampaignUpdateStatus.Stopped: return update.Answer!;
            case CampaignUpdateStatus.NotFound: return new Outcome(null, NotFound: true);
            default: return new Outcome(null, Error: "The campaign changed while this request ran; try again.");
        }
    }

    private static IReadOnlyList<string>? WarningsOf(Campaign campaign, CampaignStatus target, DateTimeOffset now) =>
        target == CampaignStatus.Live && campaign.StartsAt is { } starts && starts < now
            ? [$"Its start (startsAt, {starts:u}) is in the past, so it is open to fans now."]
            : null;

    private static string Hint(CampaignStatus from, CampaignStatus to) => (from, to) switch
    {
        (CampaignStatus.Live, CampaignStatus.Archived) => " Close it first.",
        (CampaignStatus.Draft, CampaignStatus.Closed or CampaignStatus.Archived) => " A draft can be deleted instead.",
        (_, CampaignStatus.Live) => " Duplicate it to run it again.",
        _ => "",
    };

    private static string Describe(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "draft",
        CampaignStatus.Live => "published",
        CampaignStatus.Closed => "closed",
        _ => "archived",
    };
}
