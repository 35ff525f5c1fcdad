using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.UnitTests.Pages;

namespace CampaignEngine.UnitTests.Contacts;

/// <summary>When details given only to take part are due for deletion: <c>retentionDays</c> after the campaign ends.</summary>
public sealed class RetentionPeriodTests
{
    private static readonly DateTimeOffset End = DateTimeOffset.Parse("2026-06-30T22:00:00Z");

    private static Campaign Campaign(CampaignStatus status, DateTimeOffset? endsAt = null, DateTimeOffset? closedAt = null, int days = 30) =>
        PageFixtures.Poll(contact: ContactMode.Required, status: status) with
        {
            EndsAt = endsAt,
            ClosedAt = closedAt,
            Contact = new ContactSettings(ContactMode.Required, "Offers", days),
        };

    [Fact]
    public void ALiveCampaignIsDueItsRetentionDaysAfterItsEnd() =>
        Assert.Equal(End.AddDays(30), RetentionPeriod.DueAt(Campaign(CampaignStatus.Live, endsAt: End)));

    [Fact]
    public void ACampaignClosedBeforeItsEndIsDueFromTheClose() =>
        Assert.Equal(End.AddDays(-10 + 30), RetentionPeriod.DueAt(Campaign(CampaignStatus.Closed, endsAt: End, closedAt: End.AddDays(-10))));

    [Fact]
    public void ACampaignClosedAfterItsEndHadPassedIsDueFromTheEnd() =>
        Assert.Equal(End.AddDays(30), RetentionPeriod.DueAt(Campaign(CampaignStatus.Closed, endsAt: End, closedAt: End.AddDays(5))));

    [Fact]
    public void AClosedOrArchivedCampaignWithoutAnEndIsDueFromTheClose()
    {
        Assert.Equal(End.AddDays(30), RetentionPeriod.DueAt(Campaign(CampaignStatus.Closed, closedAt: End)));
        Assert.Equal(End.AddDays(30), RetentionPeriod.DueAt(Campaign(CampaignStatus.Archived, closedAt: End)));
    }

    [Fact]
    public void ADraftOrALiveCampaignWithoutAnEndIsNeverDue()
    {
        Assert.Null(RetentionPeriod.DueAt(Campaign(CampaignStatus.Draft, endsAt: End)));
        Assert.Null(RetentionPeriod.DueAt(Campaign(CampaignStatus.Live)));
        Assert.False(RetentionPeriod.IsDue(Campaign(CampaignStatus.Live), DateTimeOffset.MaxValue));
    }

    [Fact]
    public void ItIsDueFromTheDueInstantOn()
    {
        var campaign = Campaign(CampaignStatus.Closed, closedAt: End, days: 1);

        Assert.False(RetentionPeriod.IsDue(campaign, End.AddDays(1).AddTicks(-1)));
        Assert.True(RetentionPeriod.IsDue(campaign, End.AddDays(1)));
        Assert.True(RetentionPeriod.IsDue(campaign, End.AddDays(400)));
    }

    [Fact]
    public void ALiveCampaignWhoseEndIsStillAheadIsNotDue() =>
        Assert.False(RetentionPeriod.IsDue(Campaign(CampaignStatus.Live, endsAt: End), End.AddDays(-1)));

    [Fact]
    public void ACampaignStoredWithoutARetentionUsesNinetyDays() =>
        Assert.Equal(End.AddDays(90), RetentionPeriod.DueAt(PageFixtures.Poll(status: CampaignStatus.Closed) with { ClosedAt = End }));
}
