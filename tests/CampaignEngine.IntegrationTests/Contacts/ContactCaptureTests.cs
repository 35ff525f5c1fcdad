using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;
using Azure.Data.Tables;

namespace CampaignEngine.IntegrationTests.Contacts;

public sealed class ContactCaptureTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private async Task<JsonElement[]> ContactsAsync(string slug) =>
        (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/contacts")).EnumerateArray().ToArray();

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
        Assert.Equal(ContactStore.ContactKey("fan@example.com"), contact.GetProperty("key").GetString());
        var consent = contact.GetProperty("consents").EnumerateArray().Single();
        Assert.Equal(poll.Contact.ConsentText, consent.GetProperty("consentText").GetString());
        Assert.Equal("form", consent.GetProperty("source").GetString());
        Assert.Equal(64, consent.GetProperty("consentTextSha256").GetString()!.Length);
        var givenAt = consent.GetProperty("givenAt").GetDateTimeOffset();
        Assert.InRange(givenAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task WithoutConsentNothingPersonalIsStored()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("noconsent").WithContact("optional"));
        using var fan = Host.CreateClient();

        var response = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email = "quiet@example.com", name = "Q" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        var rows = new List<TableEntity>();
        await foreach (var row in Host.Tables.GetTableClient(Host.Names.ContactsTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {poll.Slug}")))
            rows.Add(row);
        Assert.Empty(rows);
        await foreach (var vote in Host.Tables.GetTableClient(Host.Names.VotesTable).QueryAsync<TableEntity>())
        {
            Assert.DoesNotContain(((IDictionary<string, object>)vote).Values, v => v is string s && s.Contains("quiet@example.com"));
        }
    }

    [Fact]
    public async Task RequiredContactRefusesAVoteWithoutEmailOrConsent()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("required").WithContact("required"));
        using var fan = Host.CreateClient();

        var noEmail = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van" });
        var badEmail = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email = "not-an-email", consent = true });
        var noConsent = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email = "fan@example.com" });
        var ok = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email = "fan@example.com", consent = true });

        Assert.Contains("email", (await CampaignApiTests.ValidationErrorsAsync(noEmail)).Keys);
        Assert.Contains("email", (await CampaignApiTests.ValidationErrorsAsync(badEmail)).Keys);
        Assert.Contains("consent", (await CampaignApiTests.ValidationErrorsAsync(noConsent)).Keys);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        await Eventually.ReturnsAsync(() => ContactsAsync(poll.Slug), c => c.Length == 1);
    }

    [Fact]
    public async Task ARedeliveredContactMessageAddsNoSecondConsentRecord()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("redelivered").WithContact("optional"));
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ContactStore>(Host.Services);
        var contact = new ContactSubmitted("receipt-1", poll.Slug, "twice@example.com", null, "I agree", "api", DateTimeOffset.UtcNow);

        await store.SetContactAsync(contact);
        await store.SetContactAsync(contact);
        await store.SetContactAsync(contact with { Receipt = "receipt-2" });

        var stored = (await store.GetContactsAsync(poll.Slug)).Single();
        Assert.Equal(["receipt-1", "receipt-2"], stored.Consents.Select(c => c.Receipt).Order());
    }
}
