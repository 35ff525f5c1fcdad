using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.UnitTests.Pages;
using static CampaignEngine.UnitTests.Kinds.TestKinds;

namespace CampaignEngine.UnitTests.Contacts;

/// <summary><c>contact.retentionDays</c>: how long details given only to take part are kept after the end.</summary>
public sealed class ContactRetentionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z");

    private static CreateCampaignRequest Request(int? days) => new()
    {
        Kind = "poll",
        Title = "Next flavour?",
        Contact = new ContactRequest { Mode = "required", ConsentText = "Offers", RetentionDays = days },
        Sections = Fields(new { poll = new { options = new[] { new { label = "A" }, new { label = "B" } } } }),
    };

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(731)]
    public void ARetentionOutsideOneToSevenHundredThirtyDaysIsRefused(int days) =>
        Assert.Contains("contact.retentionDays", CampaignValidator.Validate(Request(days), All).Errors.ToDictionary().Keys);

    [Theory]
    [InlineData(1)]
    [InlineData(730)]
    public void TheEdgesOfTheRangeAreAccepted(int days)
    {
        var request = Request(days);
        var draft = CampaignValidator.ToDraft(request, CampaignValidator.Validate(request, All), "abc", Now, 16);

        Assert.Equal(days, draft.Contact.RetentionDays);
    }

    [Fact]
    public void WithoutARetentionTheDefaultIsNinetyDays()
    {
        var request = Request(null);
        var draft = CampaignValidator.ToDraft(request, CampaignValidator.Validate(request, All), "abc", Now, 16);

        Assert.Equal(90, draft.Contact.RetentionDays);
    }

    [Fact]
    public void ACampaignStoredBeforeRetentionExistedReadsAsNinetyDays()
    {
        var stored = JsonSerializer.Deserialize<ContactSettings>("""{"mode":"required","consentText":"Offers"}""", EngineJson.Options)!;

        Assert.Equal(ContactMode.Required, stored.Mode);
        Assert.Equal(90, stored.RetentionDays);
    }

    private static Campaign Live(ContactMode mode, int days) => PageFixtures.Poll(contact: mode) with
    {
        Contact = new ContactSettings(mode, "Offers", days),
        StartsAt = Now.AddDays(-1),
    };

    private static CampaignEditor.Outcome Patch(Campaign campaign, string patch) =>
        CampaignEditor.Edit(campaign, JsonNode.Parse(patch)!.AsObject(), All, Now);

    [Fact]
    public void APatchThatDoesNotNameTheRetentionKeepsIt() =>
        Assert.Equal(30, Patch(Live(ContactMode.Required, 30), """{"title":"New words"}""").Stored!.Campaign.Contact.RetentionDays);

    [Fact]
    public void OnceFansHaveBeenToldARetentionItMayOnlyGetShorter()
    {
        var campaign = Live(ContactMode.Required, 90);

        Assert.Contains("contact.retentionDays", Patch(campaign, """{"contact":{"retentionDays":120}}""").Refused!.Keys);
        Assert.Equal(30, Patch(campaign, """{"contact":{"retentionDays":30}}""").Stored!.Campaign.Contact.RetentionDays);
    }

    [Fact]
    public void WithoutRequiredDetailsTheRetentionMayGrowWhileLive() =>
        Assert.Equal(120, Patch(Live(ContactMode.Optional, 90), """{"contact":{"retentionDays":120}}""").Stored!.Campaign.Contact.RetentionDays);
}
