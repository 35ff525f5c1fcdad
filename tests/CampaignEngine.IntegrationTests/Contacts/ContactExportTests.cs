using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Infrastructure;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Contacts;

/// <summary>Contacts and the consent ledger as CSV, read back with a real CSV parser.</summary>
public sealed class ContactExportTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private async Task<(string[] Header, List<string[]> Rows)> CsvAsync(string path)
    {
        using var response = await Host.Admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = CsvReader.Create(bytes[3..], new CsvReaderOptions());
        var rows = new List<string[]>();
        foreach (var row in reader) rows.Add(row.ToArray());
        return (reader.Headers.ToArray(), rows);
    }

    [Fact]
    public async Task ContactsAndTheirConsentLedgerExportAsCsvWithFormulaCellsNeutralizedAndTheLedgerKeepsAWithdrawal()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("export").WithContact("optional"));
        using var dana = Host.CreateClient();
        using var eve = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await dana.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc", email = "dana@example.com", name = "Dana", consent = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await eve.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van", email = "eve@example.com", name = "=HYPERLINK(\"http://evil.example\")", consent = true })).StatusCode);
        await Eventually.ReturnsAsync(async () => (await Host.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/campaigns/{poll.Slug}/contacts")).GetArrayLength(),
            n => n == 2, because: "both contacts captured");
        using var withdrawn = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{poll.Slug}/contacts/withdraw-consent", new { email = "dana@example.com" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        var (header, rows) = await CsvAsync($"/api/campaigns/{poll.Slug}/contacts.csv");
        Assert.Equal(["key", "email", "name", "purposes", "marketing_consent", "updated_at", "consent_given_at", "consent_withdrawn_at"], header);
        var keys = Host.Services.GetRequiredService<ContactKeys>();
        var danaRow = rows.Single(r => r[1] == "dana@example.com");
        var eveRow = rows.Single(r => r[1] == "eve@example.com");
        Assert.Equal((keys.Of("dana@example.com"), "no", ""), (danaRow[0], danaRow[4], danaRow[3]));
        Assert.NotEqual("", danaRow[7]);
        Assert.Equal(("'=HYPERLINK(\"http://evil.example\")", "yes", "marketing"), (eveRow[2], eveRow[4], eveRow[3]));
        var (_, marketing) = await CsvAsync($"/api/campaigns/{poll.Slug}/contacts.csv?purpose=marketing");
        Assert.Equal(["eve@example.com"], marketing.Select(r => r[1]));

        var (ledgerHeader, ledger) = await CsvAsync($"/api/campaigns/{poll.Slug}/consent-ledger.csv");
        Assert.Equal(["at", "event", "contact_key", "purpose", "consent_text_sha256", "consent_text", "source", "receipt"], ledgerHeader);
        Assert.Equal(["grant", "grant", "withdrawal"], ledger.Select(r => r[1]));
        Assert.DoesNotContain(ledger, r => r.Any(cell => cell.Contains('@')));
        var grant = ledger.First(r => r[1] == "grant" && r[2] == keys.Of("dana@example.com"));
        // Taken part through JSON: the source is the API.
        Assert.Equal((poll.Contact.ConsentText, "api", "marketing", 64), (grant[5], grant[6], grant[3], grant[4].Length));
        var withdrawal = ledger[^1];
        Assert.Equal((keys.Of("dana@example.com"), "api", ""), (withdrawal[2], withdrawal[6], withdrawal[4]));
    }

    [Fact]
    public async Task AnUnknownPurposeOrCampaignIsAProblemNotAFile()
    {
        using var badPurpose = await Host.Admin.GetAsync("/api/campaigns/no-such-campaign/contacts.csv?purpose=spam");
        Assert.Equal(HttpStatusCode.BadRequest, badPurpose.StatusCode);
        using var missing = await Host.Admin.GetAsync("/api/campaigns/no-such-campaign/consent-ledger.csv");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
