using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Contacts;

/// <summary><c>POST /api/campaigns/{slug}/contacts/withdraw-consent</c>: recorded with its time, and the contact leaves the marketing export.</summary>
public sealed class ConsentWithdrawalTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;
    private ContactStore Store => Host.Services.GetRequiredService<ContactStore>();
    private ContactKeys Keys => Host.Services.GetRequiredService<ContactKeys>();

    private async Task<JsonElement[]> ContactsAsync(string slug, string? purpose = null) =>
        (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/contacts" + (purpose is null ? "" : $"?purpose={purpose}")))
            .EnumerateArray().ToArray();

    private Task<HttpResponseMessage> WithdrawAsync(string slug, object body) =>
        Host.Admin.PostAsJsonAsync($"/api/campaigns/{slug}/contacts/withdraw-consent", body);

    private async Task<string> ConsentedAsync(string stem, params string[] emails)
    {
        var slug = (await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug(stem).WithContact("optional"))).Slug;
        foreach (var email in emails)
            await Store.SetContactAsync(new ContactSubmitted("r-" + email, slug, email, null, "Offers", "form", DateTimeOffset.UtcNow.AddMinutes(-5)));
        return slug;
    }

    [Fact]
    public async Task AWithdrawnContactLeavesTheMarketingExportAndKeepsItsRecords()
    {
        var slug = await ConsentedAsync("withdraw", "stay@example.com", "leave@example.com");

        using var response = await WithdrawAsync(slug, new { email = "  Leave@Example.com " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var withdrawal = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Keys.Of("leave@example.com"), withdrawal.GetProperty("key").GetString());
        Assert.Equal("api", withdrawal.GetProperty("source").GetString());
        Assert.True(withdrawal.GetProperty("contactFound").GetBoolean());
        var withdrawnAt = withdrawal.GetProperty("withdrawnAt").GetDateTimeOffset();
        Assert.InRange(withdrawnAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(["stay@example.com"], (await ContactsAsync(slug, "marketing")).Select(c => c.GetProperty("email").GetString()));
        var left = (await ContactsAsync(slug)).Single(c => c.GetProperty("email").GetString() == "leave@example.com");
        Assert.False(left.GetProperty("marketingConsent").GetBoolean());
        Assert.Empty(left.GetProperty("purposes").EnumerateArray());
        Assert.Single(left.GetProperty("consents").EnumerateArray());
        var record = Assert.Single(left.GetProperty("withdrawals").EnumerateArray());
        Assert.Equal(withdrawnAt, record.GetProperty("withdrawnAt").GetDateTimeOffset());
        Assert.Equal("api", record.GetProperty("source").GetString());
    }

    [Fact]
    public async Task AContactCanBeNamedByTheKeyTheExportShows()
    {
        var slug = await ConsentedAsync("bykey", "fan@example.com");
        var key = (await ContactsAsync(slug)).Single().GetProperty("key").GetString();

        using var response = await WithdrawAsync(slug, new { key });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await ContactsAsync(slug, "marketing"));
    }

    [Fact]
    public async Task ConsentGivenAgainAfterAWithdrawalHoldsAgain()
    {
        var slug = await ConsentedAsync("again", "fan@example.com");
        (await WithdrawAsync(slug, new { email = "fan@example.com" })).EnsureSuccessStatusCode();

        await Store.SetContactAsync(new ContactSubmitted("r-later", slug, "fan@example.com", null, "Offers", "form", DateTimeOffset.UtcNow.AddSeconds(1)));

        var contact = Assert.Single(await ContactsAsync(slug, "marketing"));
        Assert.Equal(2, contact.GetProperty("consents").GetArrayLength());
        Assert.Equal(1, contact.GetProperty("withdrawals").GetArrayLength());
    }

    [Fact]
    public async Task AConsentStillOnTheQueueWhenTheFanWithdrewArrivesWithdrawn()
    {
        var slug = (await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("queued").WithContact("optional"))).Slug;
        var given = DateTimeOffset.UtcNow.AddMinutes(-1);

        using var response = await WithdrawAsync(slug, new { email = "late@example.com" });
        await Store.SetContactAsync(new ContactSubmitted("r-late", slug, "late@example.com", null, "Offers", "form", given));

        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactFound").GetBoolean());
        Assert.Empty(await ContactsAsync(slug, "marketing"));
        Assert.False(Assert.Single(await ContactsAsync(slug)).GetProperty("marketingConsent").GetBoolean());
    }

    [Fact]
    public async Task WithdrawingTwiceIsRecordedTwiceAndStaysWithdrawn()
    {
        var slug = await ConsentedAsync("twice", "fan@example.com");

        (await WithdrawAsync(slug, new { email = "fan@example.com" })).EnsureSuccessStatusCode();
        (await WithdrawAsync(slug, new { email = "fan@example.com" })).EnsureSuccessStatusCode();

        var contact = Assert.Single(await ContactsAsync(slug));
        Assert.False(contact.GetProperty("marketingConsent").GetBoolean());
        Assert.Equal(2, contact.GetProperty("withdrawals").GetArrayLength());
    }

    [Theory]
    [InlineData("""{}""", "email")]
    [InlineData("""{"email":"a@example.com","key":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}""", "email")]
    [InlineData("""{"email":"not-an-email"}""", "email")]
    [InlineData("""{"key":"contact|../x"}""", "key")]
    [InlineData("""{"key":"0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"}""", "key")]
    [InlineData("""{"mail":"a@example.com"}""", "mail")]
    public async Task ABodyThatDoesNotNameOneContactIsRefusedNamingTheField(string body, string field)
    {
        var slug = await ConsentedAsync("invalid");

        using var response = await Host.Admin.PostAsync($"/api/campaigns/{slug}/contacts/withdraw-consent",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal([field], (await CampaignApiTests.ValidationErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task AnUnknownCampaignIsNotFoundAndTheAdminKeyIsRequired()
    {
        using var unknown = await WithdrawAsync("no-such-campaign", new { email = "fan@example.com" });
        using var anonymous = await Host.CreateClient().PostAsJsonAsync("/api/campaigns/no-such-campaign/contacts/withdraw-consent", new { email = "fan@example.com" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
