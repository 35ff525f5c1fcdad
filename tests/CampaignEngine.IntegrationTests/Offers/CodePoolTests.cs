using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Offers;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Offers.Offers;

namespace CampaignEngine.IntegrationTests.Offers;

/// <summary>Exactly one code per contact from a pool that must never give a code twice, with fans arriving all at once.</summary>
public sealed class CodePoolTests(MailEngineFixture fixture) : IClassFixture<MailEngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task FiveHundredFansAtOnceOnAPoolOfThreeHundredGetThreeHundredDistinctCodesAndTwoHundredKindNoesAndARedeliveryAddsNothing()
    {
        var slug = await PollWithOfferAsync(Host, codes: 300, stem: "pool");
        var domain = $"{slug}.test";
        var clients = Enumerable.Range(0, 500).Select(_ => Host.CreateClient(cookies: false, browserHeaders: false)).ToList();
        using var start = new SemaphoreSlim(0);
        var sends = clients.Select(async (client, i) =>
        {
            await start.WaitAsync();
            using var answer = await client.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "choc", email = $"fan{i}@{domain}", consent = true });
            return answer.StatusCode;
        }).ToList();
        start.Release(500);
        Assert.All(await Task.WhenAll(sends), status => Assert.Equal(HttpStatusCode.Accepted, status));
        foreach (var client in clients) client.Dispose();

        var stats = await WaitForHandedOutAsync(Host, slug, 500);
        Assert.Equal((300, 200, 0, 300), (stats.GetProperty("assigned").GetInt32(), stats.GetProperty("missed").GetInt32(),
            stats.GetProperty("left").GetInt32(), stats.GetProperty("codes").GetInt32()));
        var (codes, receipts) = await AssignedAsync(slug);
        Assert.Equal(300, codes.Count);
        Assert.Equal(300, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^TEST-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", code));

        // Every contact's message again, as a redelivery would bring it: nobody gets a second code, the pool stays as it is.
        var keys = Host.Services.GetRequiredService<ContactKeys>();
        var again = Enumerable.Range(0, 500).Select(i => $"fan{i}@{domain}")
            .Select(email => new ContactSubmitted(receipts[keys.Of(email)], slug, email, null, "consent", "form", DateTimeOffset.UtcNow))
            .ToList();
        await Host.Services.GetServices<IContactFollowUp>().Single().CapturedAsync(again, CancellationToken.None);
        var after = await StatsAsync(Host, slug);
        Assert.Equal((300, 200), (after.GetProperty("assigned").GetInt32(), after.GetProperty("missed").GetInt32()));
        Assert.Equal(codes.Order(), (await AssignedAsync(slug)).Codes.Order());

        // Each fan is told by mail: their code, or that none were left.
        await Eventually.ReturnsAsync(() => fixture.Mail.CountToDomainAsync(domain), n => n >= 500, TimeSpan.FromSeconds(60), "500 mails");
        Assert.Equal(500, await fixture.Mail.CountToDomainAsync(domain));
    }

    [Fact]
    public async Task TwoInstancesHandingOutOnePoolAtOnceNeverGiveACodeTwice()
    {
        var slug = await PollWithOfferAsync(Host, codes: 150, stem: "twin");
        var settings = fixture.Mail.Settings;
        settings["RateLimits:FanWritesPerMinute"] = "100000";
        // A second engine on the same storage: both take submissions and both run the contacts function.
        await using var twin = await EngineHost.StartAsync(settings, Host.Azurite, Host.Prefix);
        var clients = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? Host : twin).CreateClient(cookies: false, browserHeaders: false)).ToList();
        var statuses = await Task.WhenAll(clients.Select(async (client, i) =>
        {
            using var answer = await client.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "van", email = $"twin{i}@{slug}.test", consent = true });
            return answer.StatusCode;
        }));
        clients.ForEach(c => c.Dispose());
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));

        var stats = await WaitForHandedOutAsync(Host, slug, 200);
        Assert.Equal((150, 50, 0), (stats.GetProperty("assigned").GetInt32(), stats.GetProperty("missed").GetInt32(), stats.GetProperty("left").GetInt32()));
        var (codes, _) = await AssignedAsync(slug);
        Assert.Equal(150, codes.Distinct().Count());
    }

    [Fact]
    public async Task AnUploadIsCleanedAndReportedAndTheSameCodesCannotComeInTwice()
    {
        var slug = await PollWithOfferAsync(Host, codes: 0, stem: "upload");
        using var csv = await Host.Admin.PostAsync($"/api/campaigns/{slug}/offer/codes",
            new StringContent("code\nAAA111\n\n  BBB222  \nAAA111\nCCC333\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var report = await csv.Content.ReadFromJsonAsync<CodeImportReport>(EngineJson.Options);
        Assert.Equal((3, 2, 1, 0), (report!.Imported, report.BlankLines, report.Repeats, report.AlreadyInPool));
        Assert.Equal(5, report.Skipped.Single().Line);
        Assert.Equal(3, report.Codes.Left);

        using var again = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{slug}/offer/codes", new { codes = new[] { "CCC333", "DDD444" } });
        var second = await again.Content.ReadFromJsonAsync<CodeImportReport>(EngineJson.Options);
        Assert.Equal((1, 1, 4), (second!.Imported, second.AlreadyInPool, (int)second.Codes.Codes));
        Assert.Equal("CCC333", second.Skipped.Single().Code);
    }

    [Fact]
    public async Task AnUploadWithACodeThatCannotBeHandedOutSafelyIsRefusedByLineAndNothingOfItIsImported()
    {
        var slug = await PollWithOfferAsync(Host, codes: 0, stem: "refused");
        using var refused = await Host.Admin.PostAsync($"/api/campaigns/{slug}/offer/codes",
            new StringContent($"GOOD1\n=HYPERLINK(\"x\")\nGOOD2\n{new string('X', 65)}\n", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = await CampaignEngine.IntegrationTests.Campaigns.CampaignApiTests.ValidationErrorsAsync(refused);
        Assert.Equal(["line 2", "line 4"], errors.Keys.Order());
        Assert.Contains("formula", errors["line 2"].Single());
        Assert.Equal(0, (await StatsAsync(Host, slug)).GetProperty("codes").GetInt32());

        var tooMany = string.Join('\n', Enumerable.Range(0, CodeList.MaxCodes + 1).Select(i => $"C{i}"));
        using var big = await Host.Admin.PostAsync($"/api/campaigns/{slug}/offer/codes", new StringContent(tooMany, System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal("application/problem+json", big.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await StatsAsync(Host, slug)).GetProperty("codes").GetInt32());
    }

    [Fact]
    public async Task AnOfferIsCheckedWhenSavedAndItsPinIsNeverShown()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("check").WithContact("optional"));
        using var bad = await Host.Admin.PutAsJsonAsync($"/api/campaigns/{poll.Slug}/offer", new
        {
            subject = "", message = "Your code: {{ cod }}", sendWhen = "someday", expiresAt = DateTimeOffset.UtcNow.AddDays(-1), staffPin = "12",
        });
        var errors = await CampaignEngine.IntegrationTests.Campaigns.CampaignApiTests.ValidationErrorsAsync(bad);
        Assert.Equal(["expiresAt", "message", "sendWhen", "staffPin", "subject"], errors.Keys.Order());

        var slug = await PollWithOfferAsync(Host, codes: 0, stem: "pin");
        var body = await Host.Admin.GetStringAsync($"/api/campaigns/{slug}/offer");
        Assert.DoesNotContain(Pin, body);
        Assert.Contains("\"hasStaffPin\":true", body);
        using var noOffer = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{poll.Slug}/offer/codes/generate", new { count = 5, pattern = "X-######" });
        Assert.Equal(HttpStatusCode.NotFound, noOffer.StatusCode);
    }

    private async Task<(List<string> Codes, Dictionary<string, string> Receipts)> AssignedAsync(string slug)
    {
        var codes = new List<string>();
        var receipts = new Dictionary<string, string>();
        var table = Host.Tables.GetTableClient(Host.Names.OffersTable);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug} and RowKey ge 'assigned|' and RowKey lt 'assigned}}'")))
        {
            if (row.GetString("Code") is { } code) codes.Add(code);
            receipts[row.RowKey["assigned|".Length..]] = row.GetString("Receipt");
        }
        return (codes, receipts);
    }
}
