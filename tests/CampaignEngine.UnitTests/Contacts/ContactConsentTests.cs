using Azure.Data.Tables;
using CampaignEngine.Contacts;
using static CampaignEngine.Contacts.ContactRows;

namespace CampaignEngine.UnitTests.Contacts;

/// <summary>Whether marketing consent holds, and how the rekey job merges two rows of one contact.</summary>
public sealed class ContactConsentTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.Parse("2026-05-01T10:00:00Z");

    [Fact]
    public void WithoutAWithdrawalTheFlagOrAnyConsentRecordIsConsent()
    {
        Assert.True(HasMarketingConsent(true, null, null));
        Assert.True(HasMarketingConsent(false, T, null)); // stored before purpose flags existed
        Assert.False(HasMarketingConsent(false, null, null));
    }

    [Fact]
    public void AWithdrawalEndsConsentUntilALaterConsent()
    {
        Assert.False(HasMarketingConsent(true, T, T.AddMinutes(1)));
        Assert.True(HasMarketingConsent(true, T.AddMinutes(2), T.AddMinutes(1)));
        Assert.False(HasMarketingConsent(true, null, T));
    }

    [Fact]
    public void AConsentArrivingLateButGivenBeforeTheWithdrawalDoesNotReviveIt() =>
        // The capture was still on the queue when the fan withdrew: its consent time is the submission's.
        Assert.False(HasMarketingConsent(true, T, T));

    [Fact]
    public void ARowKeyRangeEndsJustAfterItsPrefix()
    {
        var filter = StartingWith("summer-poll", ConsentPrefix);
        Assert.Contains("RowKey ge 'consent|'", filter);
        Assert.Contains("RowKey lt 'consent}'", filter);
        Assert.Equal("withdrawal|ab|0638816544000000000", Withdrawal("ab", new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void MergingKeepsEveryPurposeTheNewerNameAndTheLaterTimes()
    {
        var old = new TableEntity("p", "contact|old") { [Email] = "a@b.c", [Name] = "Old", [UpdatedAt] = T, [PurposeMarketing] = true };
        var current = new TableEntity("p", "contact|new") { [Email] = "a@b.c", [UpdatedAt] = T.AddDays(1), [PurposeCampaign] = true };

        var merged = ContactRekeyJob.Merge(old, current);

        Assert.Equal("contact|new", merged.RowKey);
        Assert.Equal("Old", merged.GetString(Name)); // the newer row has none
        Assert.Equal(T.AddDays(1), merged.GetDateTimeOffset(UpdatedAt));
        Assert.True(merged.GetBoolean(PurposeCampaign));
        Assert.True(merged.GetBoolean(PurposeMarketing));
    }

    [Fact]
    public void MergingPrefersTheNameOfTheMoreRecentRowAndTheLaterWithdrawal()
    {
        var old = new TableEntity("p", "contact|old") { [Name] = "Older", [UpdatedAt] = T, [MarketingWithdrawnAt] = T.AddHours(1) };
        var current = new TableEntity("p", "contact|new") { [Name] = "Newer", [UpdatedAt] = T.AddDays(1), [MarketingWithdrawnAt] = T };

        var merged = ContactRekeyJob.Merge(old, current);

        Assert.Equal("Newer", merged.GetString(Name));
        Assert.Equal(T.AddHours(1), merged.GetDateTimeOffset(MarketingWithdrawnAt));
        Assert.False(merged.ContainsKey(PurposeCampaign));
    }

    [Theory]
    [InlineData("summer-poll", "contact|0123")]
    [InlineData("a", "contact|")]
    public void ARekeyPositionSurvivesItsToken(string partition, string rowKey) =>
        Assert.Equal(new RekeyPosition(partition, rowKey), RekeyPosition.FromToken(new RekeyPosition(partition, rowKey).ToToken()));

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("YQ")] // "a": no row key
    [InlineData("YQpjb25zZW50fA")] // "a\nconsent|": not a contact row
    public void AForgedOrMangledTokenIsRefused(string token) => Assert.Null(RekeyPosition.FromToken(token));
}
