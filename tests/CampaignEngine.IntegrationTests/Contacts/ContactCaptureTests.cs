using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Contacts;

public sealed class ContactCaptureTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private ContactStore Store => Host.Services.GetRequiredService<ContactStore>();

    private async Task<JsonElement[]> ContactsAsync(string slug, string? purpose = null) =>
        (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/contacts" + (purpose is null ? "" : $"?purpose={purpose}")))
            .EnumerateArray().ToArray();

    private static string[] Purposes(JsonElement contact) =>
        contact.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()!).ToArray();

    private async Task<List<TableEntity>> RowsAsync(string slug)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Host.Tables.GetTableClient(Host.Names.ContactsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}")))
            rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task ContactDetailsGivenWithConsentAreStoredWithAConsentRecord()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("consent").WithContact("optional"));
        using var fan = Host.CreateClient();

        var response = await fan.PostAsync($"/c/{poll.Slug}/votes", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["optionId"] = "choc", ["email"] = "  Fan@Example.COM ", ["name"] = "Dana", ["consent"] = "yes",
        }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var contacts = await Eventually.ReturnsAsync(() => ContactsAsync(poll.Slug), c => c.Length == 1);
        var contact = contacts.Single();
        Assert.Equal("fan@example.com", contact.GetProperty("email").GetString());
        Assert.Equal("Dana", contact.GetProperty("name").GetString());
        Assert.Equal(Host.Services.GetRequiredService<ContactKeys>().Of("fan@example.com"), contact.GetProperty("key").GetString());
        Assert.Equal(["marketing"], Purposes(contact));
        Assert.True(contact.GetProperty("marketingConsent").GetBoolean());
        var consent = contact.GetProperty("consents").EnumerateArray().Single();
        Assert.Equal(poll.Contact.ConsentText, consent.GetProperty("consentText").GetString());
        Assert.Equal("form", consent.GetProperty("source").GetString());
        Assert.Equal(64, consent.GetProperty("consentTextSha256").GetString()!.Length);
        var givenAt = consent.GetProperty("givenAt").GetDateTimeOffset();
        Assert.InRange(givenAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task AnEmailWithoutConsentOrConsentWithoutAnEmailIsRefusedNamingTheFieldAndNothingIsKept()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("mismatch").WithContact("optional"));
        using var quiet = Host.CreateClient();
        using var eager = Host.CreateClient();
        using var later = Host.CreateClient();

        var emailOnly = await quiet.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email = "quiet@example.com", name = "Q" });
        var consentOnly = await eager.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", consent = true });

        var emailErrors = await CampaignApiTests.ValidationErrorsAsync(emailOnly);
        Assert.Equal(["consent"], emailErrors.Keys);
        Assert.Contains("not kept", emailErrors["consent"].Single());
        Assert.Equal(["email"], (await CampaignApiTests.ValidationErrorsAsync(consentOnly)).Keys);
        // A fan who then leaves both out takes part; once that vote is tallied the refused ones would have been too.
        Assert.Equal(HttpStatusCode.Accepted, (await quiet.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await later.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc", email = "later@example.com", consent = true })).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 2);
        var contacts = await Eventually.ReturnsAsync(() => ContactsAsync(poll.Slug), c => c.Length == 1);
        Assert.Equal("later@example.com", contacts.Single().GetProperty("email").GetString());
        await foreach (var vote in Host.Tables.GetTableClient(Host.Names.VotesTable).QueryAsync<TableEntity>())
        {
            Assert.DoesNotContain(((IDictionary<string, object>)vote).Values, v => v is string s && s.Contains("quiet@example.com"));
        }
    }

    [Fact]
    public async Task RequiredContactNeedsAnEmailToTakePartButNeverConsent()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("required").WithContact("required"));
        using var fan = Host.CreateClient();
        using var consenting = Host.CreateClient();

        var noEmail = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", consent = true });
        var badEmail = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email = "not-an-email" });
        var noConsent = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email = "winner@example.com", name = "Wyn" });
        var withConsent = await consenting.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc", email = "offers@example.com", consent = true });

        Assert.Equal(["email"], (await CampaignApiTests.ValidationErrorsAsync(noEmail)).Keys);
        Assert.Equal(["email"], (await CampaignApiTests.ValidationErrorsAsync(badEmail)).Keys);
        Assert.Equal(HttpStatusCode.Accepted, noConsent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withConsent.StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 2);
        var contacts = (await Eventually.ReturnsAsync(() => ContactsAsync(poll.Slug), c => c.Length == 2))
            .ToDictionary(c => c.GetProperty("email").GetString()!);

        var campaignOnly = contacts["winner@example.com"];
        Assert.Equal("Wyn", campaignOnly.GetProperty("name").GetString());
        Assert.Equal(["campaign"], Purposes(campaignOnly));
        Assert.False(campaignOnly.GetProperty("marketingConsent").GetBoolean());
        Assert.Empty(campaignOnly.GetProperty("consents").EnumerateArray());
        var marketing = contacts["offers@example.com"];
        Assert.Equal(["campaign", "marketing"], Purposes(marketing));
        Assert.True(marketing.GetProperty("marketingConsent").GetBoolean());
        var consent = marketing.GetProperty("consents").EnumerateArray().Single();
        Assert.Equal(poll.Contact.ConsentText, consent.GetProperty("consentText").GetString());
        Assert.Equal("api", consent.GetProperty("source").GetString());
        var receipt = (await withConsent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString();
        Assert.Equal(receipt, consent.GetProperty("receipt").GetString());
        // Only the consent row is a consent record: the campaign-only contact added none.
        Assert.Single(await RowsAsync(poll.Slug), r => r.RowKey.StartsWith("consent|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheExportListsOnlyMarketingConsentedContactsWhenAskedFor()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("export").WithContact("required"));
        foreach (var (email, consent) in new[] { ("a@example.com", false), ("b@example.com", true), ("c@example.com", false) })
        {
            using var fan = Host.CreateClient();
            Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email, consent })).StatusCode);
        }
        await Eventually.ReturnsAsync(() => ContactsAsync(poll.Slug), c => c.Length == 3);

        var marketing = await ContactsAsync(poll.Slug, "marketing");
        var campaign = await ContactsAsync(poll.Slug, "campaign");
        var unknown = await Host.Admin.GetAsync($"/api/campaigns/{poll.Slug}/contacts?purpose=offers");

        Assert.Equal(["b@example.com"], marketing.Select(c => c.GetProperty("email").GetString()));
        Assert.Equal(3, campaign.Length);
        Assert.Equal(["purpose"], (await CampaignApiTests.ValidationErrorsAsync(unknown)).Keys);
    }

    [Fact]
    public async Task ARedeliveredContactMessageAddsNoSecondConsentRecord()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("redelivered").WithContact("optional"));
        var contact = new ContactSubmitted("receipt-1", poll.Slug, "twice@example.com", null, "I agree", "api", DateTimeOffset.UtcNow);

        await Store.SetContactAsync(contact);
        await Store.SetContactAsync(contact);
        await Store.SetContactAsync(contact with { Receipt = "receipt-2" });

        var stored = (await Store.GetContactsAsync(poll.Slug)).Single();
        Assert.Equal(["receipt-1", "receipt-2"], stored.Consents.Select(c => c.Receipt).Order());
    }

    [Fact]
    public async Task ALaterCampaignOnlySubmissionNeverErasesAnEarlierMarketingConsent()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("keeps").WithContact("required"));
        var at = DateTimeOffset.UtcNow;
        var consented = new ContactSubmitted("receipt-1", poll.Slug, "fan@example.com", "Dana", "Offers please", "form", at, Marketing: true, ForCampaign: true);
        var campaignOnly = new ContactSubmitted("receipt-2", poll.Slug, "fan@example.com", null, null, "form", at.AddDays(1), Marketing: false, ForCampaign: true);

        await Store.SetContactAsync(consented);
        await Store.SetContactAsync(campaignOnly);
        await Store.SetContactAsync(consented);
        await Store.SetContactAsync(campaignOnly);

        var stored = (await Store.GetContactsAsync(poll.Slug)).Single();
        Assert.True(stored.MarketingConsent);
        Assert.Equal(["campaign", "marketing"], stored.Purposes);
        Assert.Equal("receipt-1", stored.Consents.Single().Receipt);
        Assert.Equal("Dana", stored.Name);
        Assert.Single(await Store.GetContactsAsync(poll.Slug, ContactPurposes.Marketing));
    }

    [Fact]
    public async Task MarketingConsentAfterACampaignOnlySubmissionAddsThePurpose()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("adds").WithContact("required"));
        var at = DateTimeOffset.UtcNow;

        await Store.SetContactAsync(new ContactSubmitted("receipt-1", poll.Slug, "fan@example.com", null, null, "form", at, Marketing: false, ForCampaign: true));
        Assert.Empty(await Store.GetContactsAsync(poll.Slug, ContactPurposes.Marketing));
        await Store.SetContactAsync(new ContactSubmitted("receipt-2", poll.Slug, "fan@example.com", null, "Offers please", "form", at, Marketing: true, ForCampaign: true));

        var stored = (await Store.GetContactsAsync(poll.Slug, ContactPurposes.Marketing)).Single();
        Assert.Equal(["campaign", "marketing"], stored.Purposes);
        Assert.Equal("receipt-2", stored.Consents.Single().Receipt);
    }
}
