using System.Net;
using CampaignEngine.IntegrationTests.Infrastructure;
using CsvHelper;
using static CampaignEngine.IntegrationTests.Contests.Contests;

namespace CampaignEngine.IntegrationTests.Contests;

/// <summary>The entries export read back with a real CSV parser: every entry, its standing, and no cell a spreadsheet would run.</summary>
public sealed class EntryExportTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task EveryEntryIsARowWithItsVotesAndFormulaCellsAreNeutralized()
    {
        var slug = await CreateAsync(Host, "export");
        using (var a = Host.CreateClient()) await EnterAsync(a, slug, "=HYPERLINK(\"http://evil.example\",\"win\")", "@SUM(1,1)");
        using (var b = Host.CreateClient()) await EnterAsync(b, slug, "دونات زعفرانی", "Line one,\nline \"two\"");
        using (var c = Host.CreateClient()) await EnterAsync(c, slug, "-rejected idea");
        var ids = await WaitForEntriesAsync(Host, slug, 3);
        var byTitle = (await EntriesAsync(Host, slug)).EnumerateArray().ToDictionary(e => e.GetProperty("title").GetString()!, e => e.GetProperty("id").GetString()!);
        var (formula, persian, rejected) = (byTitle["=HYPERLINK(\"http://evil.example\",\"win\")"], byTitle["دونات زعفرانی"], byTitle["-rejected idea"]);
        await ModerateAsync(Host, slug, "approve", [formula, persian]);
        await ModerateAsync(Host, slug, "reject", [rejected], "Off topic");
        using (var voter = Host.CreateClient()) Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(voter, slug, persian)).StatusCode);
        await WaitForVotesAsync(Host, slug, 1);

        using var response = await Host.Admin.GetAsync($"/api/campaigns/{slug}/entries.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{slug}-entries.csv", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        using var reader = CsvReader.Create(bytes[3..], new CsvReaderOptions());
        var rows = new Dictionary<string, string[]>();
        foreach (var row in reader) rows[row.GetString(0)] = row.ToArray();
        Assert.Equal(CampaignEngine.Contests.EntryExport.Header, reader.Headers);
        Assert.Equal(ids.Order(), rows.Keys.Order());

        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"win\")", rows[formula][2]);
        Assert.Equal("'@SUM(1,1)", rows[formula][3]);
        Assert.Equal(("approved", "دونات زعفرانی", "Line one,\nline \"two\"", "1", "1"), (rows[persian][1], rows[persian][2], rows[persian][3], rows[persian][5], rows[persian][6]));
        Assert.EndsWith($"/c/{slug}/entries/{persian}", rows[persian][12]);
        Assert.Equal(("rejected", "'-rejected idea", "Off topic", ""), (rows[rejected][1], rows[rejected][2], rows[rejected][11], rows[rejected][6]));
        Assert.All(rows.Values, r => Assert.Equal(CampaignEngine.Contests.EntryExport.Header.Length, r.Length));
    }

    [Fact]
    public async Task TheExportNeedsTheAdminKeyAndAContest()
    {
        var slug = await CreateAsync(Host, "export-auth");
        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/campaigns/{slug}/entries.csv")).StatusCode);
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("not-a-contest"));
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/campaigns/{poll.Slug}/entries.csv")).StatusCode);
    }
}
