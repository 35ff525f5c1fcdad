using CampaignEngine.Campaigns;

namespace CampaignEngine.Contacts;

/// <summary>
/// When details given only to take part must be gone: <c>contact.retentionDays</c> after the campaign
/// ends, as its form tells fans. A campaign ends when it is closed or when its end (<c>endsAt</c>) passes,
/// whichever comes first; a draft or a live campaign without an end has not ended.
/// </summary>
public static class RetentionPeriod
{
    public static DateTimeOffset? EndedAt(Campaign campaign) => campaign.Status switch
    {
        CampaignStatus.Draft => null,
        CampaignStatus.Live => campaign.EndsAt,
        // Closed early: the close; closed after the end had passed: the end.
        _ => Earliest(campaign.ClosedAt, campaign.EndsAt),
    };

    /// <summary>The end plus the retention days; null while the campaign has no end.</summary>
    public static DateTimeOffset? DueAt(Campaign campaign) =>
        EndedAt(campaign) is { } ended ? ended.AddDays(campaign.Contact.RetentionDays) : null;

    public static bool IsDue(Campaign campaign, DateTimeOffset now) => DueAt(campaign) is { } due && now >= due;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is { } x && b is { } y ? (x <= y ? x : y) : a ?? b;
}
