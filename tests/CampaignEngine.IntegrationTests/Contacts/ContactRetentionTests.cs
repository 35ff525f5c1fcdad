using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.Contacts;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Deployment;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.IntegrationTests.Contacts;

/// <summary>An engine on real Azurite whose clock the tests move; its own timers off, so only the tests run the job.</summary>
public sealed class RetentionFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public EngineHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await EngineHost.StartAsync(new Dictionary<string, string?> { ["Timers:Enabled"] = "false" },
            services: s => s.AddSingleton<TimeProvider>(Clock));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// The retention job: once a campaign's retention is over, details given only to take part (and withdrawn
/// ones) are deleted, consented ones kept; a second run changes nothing; large sets are paged through;
/// both hosts run it on their timer.
/// </summary>
public sealed class ContactRetentionTests(RetentionFixture fixture) : IClassFixture<RetentionFixture>
{
    private EngineHost Host => fixture.Host;
    private FakeTimeProvider Clock => fixture.Clock;
    private ContactStore Store => Host.Services.GetRequiredService<ContactStore>();
    private ContactRetentionJob Job => Host.Services.GetRequiredService<ContactRetentionJob>();
    private ContactTable Contacts => new(Host);

    private static async Task<JsonElement[]> ContactsAsync(EngineHost host, string slug, string? purpose = null) =>
        (await host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/contacts" + (purpose is null ? "" : $"?purpose={purpose}")))
            .EnumerateArray().ToArray();

    private static Dictionary<string, JsonElement> ByEmail(JsonElement[] contacts) => contacts.ToDictionary(c => c.GetProperty("email").GetString()!);

    private static string[] Purposes(JsonElement contact) => contact.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()!).ToArray();

    private static async Task<string> CampaignAsync(EngineHost host, string stem, int days, string mode = "required") =>
        (await host.CreateCampaignAsync(new PollBuilder().UniqueSlug(stem).WithContact(mode, retentionDays: days))).Slug;

    private static async Task CloseAsync(EngineHost host, string slug) =>
        (await host.Admin.PostAsync($"/api/campaigns/{slug}/close", null)).EnsureSuccessStatusCode();

    private ContactSubmitted Given(string slug, string email, bool marketing, bool campaign = true, string? name = null) =>
        new("r-" + email + Clock.GetUtcNow().UtcTicks, slug, email, name, marketing ? "Offers" : null, "form", Clock.GetUtcNow(), marketing, campaign);

    [Fact]
    public async Task DetailsGivenOnlyToTakePartAreDeletedWhenTheRetentionEndsAndConsentedOnesKept()
    {
        var slug = await CampaignAsync(Host, "retention", days: 2);
        using (var winner = Host.CreateClient())
            Assert.Equal(HttpStatusCode.Accepted, (await winner.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "choc", email = "winner@example.com", name = "Wyn" })).StatusCode);
        using (var offers = Host.CreateClient())
            Assert.Equal(HttpStatusCode.Accepted, (await offers.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "van", email = "offers@example.com", consent = true })).StatusCode);
        await Eventually.ReturnsAsync(() => ContactsAsync(Host, slug), c => c.Length == 2, because: "both contacts captured");
        await CloseAsync(Host, slug);

        Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await Job.RunAsync();
        Assert.Equal(2, (await ContactsAsync(Host, slug)).Length);

        Clock.Advance(TimeSpan.FromMinutes(1));
        var report = await Job.RunAsync();

        Assert.True(report.CampaignsDue >= 1);
        var kept = Assert.Single(await ContactsAsync(Host, slug));
        Assert.Equal("offers@example.com", kept.GetProperty("email").GetString());
        Assert.Equal(["marketing"], Purposes(kept));
        Assert.Single(kept.GetProperty("consents").EnumerateArray());
        Assert.Empty(await ContactsAsync(Host, slug, "campaign"));
        Assert.DoesNotContain(await Contacts.RowsAsync(slug), r => ((IDictionary<string, object>)r).Values.OfType<string>().Any(v => v.Contains("winner@", StringComparison.Ordinal)));

        var versions = await Contacts.VersionsAsync(slug);
        var again = await Job.RunAsync();
        Assert.Equal((0, 0), (again.Deleted, again.CampaignPurposesEnded));
        Assert.Equal(versions, await Contacts.VersionsAsync(slug));
    }

    [Fact]
    public async Task WithdrawnDetailsGoWithTheCampaignOnlyOnesWhileTheRecordsStay()
    {
        var slug = await CampaignAsync(Host, "withdrawn", days: 1);
        await Store.SetContactAsync(Given(slug, "only@example.com", marketing: false));
        await Store.SetContactAsync(Given(slug, "both@example.com", marketing: true));
        await Store.SetContactAsync(Given(slug, "gone@example.com", marketing: true, campaign: false));
        await Store.SetContactAsync(Given(slug, "back@example.com", marketing: true, campaign: false));
        await Contacts.WriteLegacyAsync(slug, "legacy@example.com", "Lee", receipts: ["legacy-receipt"]);
        var keys = Host.Services.GetRequiredService<ContactKeys>();
        await Store.WithdrawMarketingAsync(slug, keys.Of("gone@example.com"), "api");
        await Store.WithdrawMarketingAsync(slug, keys.Of("back@example.com"), "api");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.SetContactAsync(Given(slug, "back@example.com", marketing: true, campaign: false));
        var untouched = await CampaignAsync(Host, "still-live", days: 1);
        await Store.SetContactAsync(Given(untouched, "live@example.com", marketing: false));
        var records = (await Contacts.RowsAsync(slug)).Count(r => !r.RowKey.StartsWith("contact|", StringComparison.Ordinal));
        await CloseAsync(Host, slug);

        Clock.Advance(TimeSpan.FromDays(1));
        await Job.RunAsync();

        var contacts = ByEmail(await ContactsAsync(Host, slug));
        Assert.Equal(["back@example.com", "both@example.com", "legacy@example.com"], contacts.Keys.Order());
        Assert.All(contacts.Values, c => Assert.Equal(["marketing"], Purposes(c)));
        Assert.Equal("Lee", contacts["legacy@example.com"].GetProperty("name").GetString());
        Assert.Equal(3, (await ContactsAsync(Host, slug, "marketing")).Length);
        // Consent and withdrawal records hold no email; they stay as proof of what the fans agreed to and when they withdrew.
        Assert.Equal(records, (await Contacts.RowsAsync(slug)).Count(r => !r.RowKey.StartsWith("contact|", StringComparison.Ordinal)));
        Assert.Single(await ContactsAsync(Host, untouched));
    }

    [Fact]
    public async Task ThousandsOfContactsArePagedThroughAndOnlyTheCampaignOnlyOnesGo()
    {
        var slug = await CampaignAsync(Host, "many", days: 3);
        var at = Clock.GetUtcNow();
        var rows = Enumerable.Range(0, 1_250).Select(i => new TableEntity(slug, $"contact|{i:x64}")
            {
                ["Email"] = $"fan{i}@example.com", ["UpdatedAt"] = at, ["PurposeCampaign"] = true,
            })
            .Concat(Enumerable.Range(0, 30).Select(i => new TableEntity(slug, $"contact|{(100_000 + i):x64}")
            {
                ["Email"] = $"offers{i}@example.com", ["UpdatedAt"] = at, ["PurposeCampaign"] = true, ["PurposeMarketing"] = true,
            }));
        foreach (var chunk in rows.Chunk(100))
            await Contacts.Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        await CloseAsync(Host, slug);

        Clock.Advance(TimeSpan.FromDays(3));
        var report = await Job.RunAsync();

        Assert.True(report.Deleted >= 1_250, $"deleted {report.Deleted}");
        var left = await Contacts.RowsAsync(slug, "contact|");
        Assert.Equal(30, left.Count);
        Assert.All(left, r => Assert.StartsWith("offers", r.GetString("Email")));
        Assert.All(left, r => Assert.False(r.GetBoolean("PurposeCampaign")));
    }

    [Fact]
    public async Task UnderTheFunctionsHostTheTimerInvocationRunsTheJob()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?> { [CustomHandler.PortVariable] = "0" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        var slug = await CampaignAsync(host, "timer", days: 1);
        await host.Services.GetRequiredService<ContactStore>().SetContactAsync(
            new ContactSubmitted("r1", slug, "winner@example.com", null, null, "form", clock.GetUtcNow(), Marketing: false, ForCampaign: true));
        await CloseAsync(host, slug);
        clock.Advance(TimeSpan.FromDays(1));

        using var response = await FunctionsHost.InvokeAsync(host.Admin, "ContactRetention", FunctionsHost.TimerPayload("ContactRetention", clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Logs", "Outputs", "ReturnValue"], body.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Empty(await ContactsAsync(host, slug));
    }

    [Fact]
    public async Task StandaloneTheEngineRunsTheJobOnItsOwnTimer()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?> { ["Timers:FirstRunDelay"] = "00:00:00" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        var slug = await CampaignAsync(host, "standalone", days: 1);
        await host.Services.GetRequiredService<ContactStore>().SetContactAsync(
            new ContactSubmitted("r1", slug, "winner@example.com", null, null, "form", clock.GetUtcNow(), Marketing: false, ForCampaign: true));
        await CloseAsync(host, slug);
        Assert.Single(await ContactsAsync(host, slug));

        // The first run came at start; the next one an hour later on the engine's clock, by then a day past the close.
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));

        await Eventually.ReturnsAsync(() => ContactsAsync(host, slug), c => c.Length == 0, TimeSpan.FromSeconds(20), "the timer's run");
    }
}
