using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Contacts;

/// <summary>
/// <c>POST /api/admin/contacts/rekey</c> against real Azurite: rows written in the unkeyed SHA-256
/// format move to their keyed hash with their consent records, nothing is lost or doubled, a re-run
/// writes nothing, and captures running at the same time end up merged, not duplicated.
/// </summary>
public sealed class ContactRekeyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;
    private ContactTable Contacts => new(Host);
    private ContactKeys Keys => Host.Services.GetRequiredService<ContactKeys>();
    private ContactStore Store => Host.Services.GetRequiredService<ContactStore>();

    private async Task<RekeyReport> RekeyAsync(int max = 1000, string? token = null)
    {
        using var response = await Host.Admin.PostAsync($"/api/admin/contacts/rekey?max={max}" + (token is null ? "" : $"&continuationToken={token}"), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RekeyReport>(EngineJson.Options))!;
    }

    /// <summary>Calls the job until it says it is done, as an operator's loop would.</summary>
    private async Task<List<RekeyReport>> RekeyAllAsync(int max)
    {
        var reports = new List<RekeyReport> { await RekeyAsync(max) };
        while (!reports[^1].Done) reports.Add(await RekeyAsync(max, reports[^1].ContinuationToken));
        return reports;
    }

    private async Task<JsonElement[]> ExportAsync(string slug) =>
        (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/contacts")).EnumerateArray().ToArray();

    private async Task<string> CampaignAsync(string stem) =>
        (await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug(stem).WithContact("required"))).Slug;

    [Fact]
    public async Task RowsStoredUnderTheOldHashAreFoundUnderTheKeyedHashAfterTheRekeyWithNothingLostOrDoubled()
    {
        var slug = await CampaignAsync("rekey");
        await Contacts.WriteLegacyAsync(slug, "winner@example.com", "Wyn", campaign: true);
        await Contacts.WriteLegacyAsync(slug, "offers@example.com", null, campaign: true, marketing: true, receipts: ["r1", "r2"]);
        // Stored before purpose flags existed: no flags, one consent record.
        await Contacts.WriteLegacyAsync(slug, "old@example.com", "Olde", receipts: ["r3"]);
        // More consent records than one transaction holds.
        await Contacts.WriteLegacyAsync(slug, "many@example.com", null, marketing: true, receipts: Enumerable.Range(0, 60).Select(i => $"m{i:00}").ToArray());
        var before = (await ExportAsync(slug)).ToDictionary(c => c.GetProperty("email").GetString()!);

        var reports = await RekeyAllAsync(max: 3);

        Assert.True(reports.Count >= 2, "three contacts per call take more than one call for four");
        Assert.Equal(4, reports.Sum(r => r.Rekeyed));
        Assert.Equal(0, reports.Sum(r => r.Merged));
        var rows = await Contacts.RowsAsync(slug);
        Assert.Equal(4, rows.Count(r => r.RowKey.StartsWith("contact|", StringComparison.Ordinal)));
        Assert.Equal(63, rows.Count(r => r.RowKey.StartsWith("consent|", StringComparison.Ordinal)));
        var legacyKeys = before.Keys.Select(ContactKeys.Legacy).ToHashSet();
        Assert.DoesNotContain(rows, r => legacyKeys.Any(k => r.RowKey.Contains(k, StringComparison.Ordinal)));
        var after = (await ExportAsync(slug)).ToDictionary(c => c.GetProperty("email").GetString()!);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (email, contact) in after)
        {
            Assert.Equal(Keys.Of(email), contact.GetProperty("key").GetString());
            Assert.Equal(before[email].GetProperty("name").ToString(), contact.GetProperty("name").ToString());
            Assert.Equal(before[email].GetProperty("purposes").ToString(), contact.GetProperty("purposes").ToString());
            Assert.Equal(before[email].GetProperty("marketingConsent").GetBoolean(), contact.GetProperty("marketingConsent").GetBoolean());
            Assert.Equal(Receipts(before[email]), Receipts(contact));
        }
        Assert.Equal(60, Receipts(after["many@example.com"]).Count);
        // The engine finds them now: a new capture lands on the same row, a withdrawal finds it.
        await Store.SetContactAsync(new ContactSubmitted("r4", slug, "offers@example.com", "Ofelia", "Send me offers", "form", DateTimeOffset.UtcNow, Marketing: true, ForCampaign: true));
        Assert.True((await Store.WithdrawMarketingAsync(slug, Keys.Of("old@example.com"), "api")).ContactFound);
        Assert.Equal(4, (await ExportAsync(slug)).Length);
    }

    private static List<string> Receipts(JsonElement contact) =>
        contact.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("receipt").GetString()!).Order().ToList();

    [Fact]
    public async Task RunningTheRekeyAgainWritesNothing()
    {
        var slug = await CampaignAsync("rerun");
        await Contacts.WriteLegacyAsync(slug, "a@example.com", "A", campaign: true);
        await Contacts.WriteLegacyAsync(slug, "b@example.com", null, marketing: true, receipts: ["rb"]);
        await RekeyAllAsync(max: 1000);
        var versions = await Contacts.VersionsAsync(slug);

        var again = await RekeyAllAsync(max: 1);

        Assert.Equal(0, again.Sum(r => r.Rekeyed + r.Merged));
        Assert.True(again.Sum(r => r.Scanned) >= 2);
        Assert.Equal(versions, await Contacts.VersionsAsync(slug));
    }

    [Fact]
    public async Task AContactCapturedUnderTheNewKeyBeforeTheRekeyIsMergedIntoOneRow()
    {
        var slug = await CampaignAsync("merge");
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        await Contacts.WriteLegacyAsync(slug, "fan@example.com", "Dana", campaign: true, at: at, receipts: ["old-receipt"]);
        await Store.SetContactAsync(new ContactSubmitted("new-receipt", slug, "fan@example.com", null, "Offers please", "api", at.AddHours(2), Marketing: true, ForCampaign: false));
        Assert.Equal(2, (await ExportAsync(slug)).Length);

        var reports = await RekeyAllAsync(max: 1000);

        Assert.Equal(1, reports.Sum(r => r.Merged));
        var contact = Assert.Single(await ExportAsync(slug));
        Assert.Equal(Keys.Of("fan@example.com"), contact.GetProperty("key").GetString());
        Assert.Equal("Dana", contact.GetProperty("name").GetString());
        Assert.Equal(["campaign", "marketing"], contact.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["new-receipt", "old-receipt"], Receipts(contact));
        Assert.Equal(at.AddHours(2), contact.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task CapturesRunningDuringTheRekeyEndUpInOneRowPerContact()
    {
        var slug = await CampaignAsync("concurrent");
        var emails = Enumerable.Range(0, 40).Select(i => $"fan{i:00}@example.com").ToList();
        foreach (var email in emails) await Contacts.WriteLegacyAsync(slug, email, null, marketing: true, receipts: ["before-" + email]);

        var rekey = RekeyAllAsync(max: 4);
        var captures = Task.WhenAll(emails.Select(email => Task.Run(() => Store.SetContactAsync(
            new ContactSubmitted("during-" + email, slug, email, "Named", "Offers", "form", DateTimeOffset.UtcNow, Marketing: true)))));
        await Task.WhenAll(rekey, captures);
        await RekeyAllAsync(max: 1000);

        var rows = await Contacts.RowsAsync(slug);
        var contacts = rows.Where(r => r.RowKey.StartsWith("contact|", StringComparison.Ordinal)).ToList();
        Assert.Equal(emails.Count, contacts.Count);
        Assert.Equal(emails.Select(e => "contact|" + Keys.Of(e)).Order(), contacts.Select(r => r.RowKey).Order());
        Assert.All(contacts, c => Assert.Equal("Named", c.GetString("Name")));
        var consents = rows.Where(r => r.RowKey.StartsWith("consent|", StringComparison.Ordinal)).ToList();
        Assert.Equal(emails.Count * 2, consents.Count);
        Assert.All(consents, c => Assert.StartsWith($"consent|{c.GetString("ContactKey")}|", c.RowKey));
        Assert.All(emails, e => Assert.Equal(2, consents.Count(c => c.GetString("ContactKey") == Keys.Of(e))));
    }

    [Fact]
    public async Task AMangledContinuationTokenOrABadMaxIsRefusedAndTheKeyIsRequired()
    {
        using var mangled = await Host.Admin.PostAsync("/api/admin/contacts/rekey?continuationToken=bm90IGEgdG9rZW4", null);
        using var none = await Host.Admin.PostAsync("/api/admin/contacts/rekey?max=0", null);
        using var anonymous = await Host.CreateClient().PostAsync("/api/admin/contacts/rekey", null);

        Assert.Equal(["continuationToken"], (await CampaignApiTests.ValidationErrorsAsync(mangled)).Keys);
        Assert.Equal(["max"], (await CampaignApiTests.ValidationErrorsAsync(none)).Keys);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
