using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CsvHelper;
using static CampaignEngine.IntegrationTests.Contests.Contests;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Contests;

/// <summary>Jurors with keys scoped to one contest score its entries; the weighted blend of votes and jury picks the winners.</summary>
public sealed class JuryTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private static readonly object BlendContest = new
    {
        moderation = "post",
        winners = new { basis = "blend", count = 3, publicWeight = 0.4 },
        criteria = new[] { new { id = "taste", label = "Taste" }, new { id = "look", label = "Look" } },
    };

    [Fact]
    public async Task JurorsScoreTheGalleryAndTheBlendOfTheirScoresAndTheVotesPicksTheWinners()
    {
        var slug = await CreateAsync(Host, "blend", BlendContest);
        var titles = new[] { "Maple pecan", "Lemon cloud", "Salted caramel" };
        foreach (var title in titles)
        {
            using var author = Host.CreateClient();
            await EnterAsync(author, slug, title);
            await WaitForEntriesAsync(Host, slug, Array.IndexOf(titles, title) + 1, "approved");
        }
        var ids = (await EntriesAsync(Host, slug, "approved")).EnumerateArray().ToDictionary(e => e.GetProperty("title").GetString()!, e => e.GetProperty("id").GetString()!);
        foreach (var (title, votes) in new[] { ("Maple pecan", 4), ("Lemon cloud", 2) })
        {
            for (var i = 0; i < votes; i++)
            {
                using var fan = Host.CreateClient();
                Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(fan, slug, ids[title])).StatusCode);
            }
        }

        var (chef, chefKey) = await AddJurorAsync(slug, "Chef Ana");
        var (_, critKey) = await AddJurorAsync(slug, "Critic Ben");
        var (gone, goneKey) = await AddJurorAsync(slug, "Leaves early");
        using var chefClient = Juror(chefKey);
        using var critClient = Juror(critKey);

        var listed = await chefClient.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/jury/entries");
        Assert.Equal("Chef Ana", listed.GetProperty("juror").GetString());
        Assert.Equal(titles, listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()));
        Assert.All(listed.GetProperty("items").EnumerateArray(), e => Assert.False(e.TryGetProperty("votes", out _), "jurors judge without the votes"));
        Assert.Equal(["taste", "look"], listed.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("id").GetString()));

        // Chef: maple 2/2, lemon 9/9, caramel 8/6. Critic: maple 4/2, lemon 7/9. Leaves early: maple 10/10, then removed.
        await ScoreAsync(chefClient, slug, ids["Maple pecan"], 2, 2);
        await ScoreAsync(chefClient, slug, ids["Lemon cloud"], 5, 5);
        await ScoreAsync(chefClient, slug, ids["Lemon cloud"], 9, 9); // a second card replaces the first
        await ScoreAsync(chefClient, slug, ids["Salted caramel"], 8, 6);
        await ScoreAsync(critClient, slug, ids["Maple pecan"], 4, 2);
        await ScoreAsync(critClient, slug, ids["Lemon cloud"], 7, 9);
        using (var goneClient = Juror(goneKey)) await ScoreAsync(goneClient, slug, ids["Maple pecan"], 10, 10);
        var unscored = await critClient.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/jury/entries?unscored=true");
        Assert.Equal(["Salted caramel"], unscored.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()));
        Assert.Equal(2, unscored.GetProperty("scored").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.DeleteAsync($"/api/campaigns/{slug}/jurors/{gone}")).StatusCode);
        using (var goneClient = Juror(goneKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await goneClient.GetAsync($"/api/campaigns/{slug}/jury/entries")).StatusCode);
        }
        var panel = await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/jurors");
        Assert.Equal([("Chef Ana", 3), ("Critic Ben", 2)], panel.GetProperty("items").EnumerateArray()
            .Select(j => (j.GetProperty("name").GetString()!, j.GetProperty("scored").GetInt32())));
        Assert.DoesNotContain(chefKey, panel.GetRawText());

        await WaitForVotesAsync(Host, slug, 6);
        (await Host.Admin.PostAsync($"/api/campaigns/{slug}/close", null)).EnsureSuccessStatusCode();
        var computed = await Eventually.ReturnsAsync(() => Host.Admin.PostAsync($"/api/campaigns/{slug}/winners", null),
            r => r.StatusCode == HttpStatusCode.OK || (r.StatusCode == HttpStatusCode.Conflict && r.Headers.RetryAfter is not null && Dispose(r)),
            because: "the winners once every vote is counted");
        var list = await computed.Content.ReadFromJsonAsync<JsonElement>();

        // Jury: maple (2 + 3) / 2 = 2.5, lemon (9 + 8) / 2 = 8.5, caramel 7. Public: maple 10, lemon 5, caramel 0.
        // Blend at 0.4: maple 4 + 1.5 = 5.5; lemon 2 + 5.1 = 7.1; caramel 0 + 4.2 = 4.2.
        Assert.Equal(("blend", 0.4, 2, 3), (list.GetProperty("basis").GetString(), list.GetProperty("publicWeight").GetDouble(),
            list.GetProperty("jurors").GetInt32(), list.GetProperty("scoredEntries").GetInt32()));
        Assert.Equal([("Lemon cloud", 1, 7.1, 8.5, 2, 5.0), ("Maple pecan", 2, 5.5, 2.5, 2, 10.0), ("Salted caramel", 3, 4.2, 7.0, 1, 0.0)],
            list.GetProperty("winners").EnumerateArray().Select(w => (w.GetProperty("title").GetString()!, w.GetProperty("rank").GetInt32(),
                w.GetProperty("score").GetDouble(), w.GetProperty("juryScore").GetDouble(), w.GetProperty("juryCount").GetInt32(),
                w.GetProperty("publicScore").GetDouble())));

        var page = await Host.CreateClient().GetPageAsync($"/c/{slug}/winners");
        var first = page.Document.QuerySelector(".entry")!;
        Assert.Equal("Lemon cloud", first.QuerySelector("h2")!.TextContent);
        Assert.Contains("Score: 7.1 / 10 (public vote 5, jury 8.5)", first.TextContent);

        using var export = await Host.Admin.GetAsync($"/api/campaigns/{slug}/entries.csv");
        var rows = ReadCsv(await export.Content.ReadAsByteArrayAsync());
        // Three rows: the winners' row, in the same table, is not an entry.
        Assert.Equal([("Lemon cloud", "8.5", "2"), ("Maple pecan", "2.5", "2"), ("Salted caramel", "7", "1")],
            rows.Select(r => (r["title"], r["jury_score"], r["jury_count"])).OrderBy(r => r.Item1));
    }

    [Fact]
    public async Task AJurorKeyOpensOnlyItsOwnContestsJuryAndEveryScoreIsChecked()
    {
        var slug = await CreateAsync(Host, "jurykey", BlendContest);
        var other = await CreateAsync(Host, "jurykey2", BlendContest);
        foreach (var title in new[] { "Rejected idea", "Approved idea" })
        {
            using var author = Host.CreateClient();
            await EnterAsync(author, slug, title);
        }
        var entries = (await Eventually.ReturnsAsync(() => EntriesAsync(Host, slug, "approved"), e => e.GetArrayLength() == 2, because: "both entries"))
            .EnumerateArray().ToDictionary(e => e.GetProperty("title").GetString()!, e => e.GetProperty("id").GetString()!);
        var (approved, rejected) = (entries["Approved idea"], entries["Rejected idea"]);
        await ModerateAsync(Host, slug, "reject", [rejected]);
        var (_, key) = await AddJurorAsync(slug, "Chef Ana");
        using var juror = Juror(key);

        Assert.Equal(HttpStatusCode.Unauthorized, (await juror.GetAsync($"/api/campaigns/{other}/jury/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await juror.GetAsync($"/api/campaigns/{slug}/jurors")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Admin.GetAsync($"/api/campaigns/{slug}/jury/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.CreateClient().GetAsync($"/api/campaigns/{slug}/jury/entries")).StatusCode);

        using var tooHigh = await juror.PutAsJsonAsync($"/api/campaigns/{slug}/jury/entries/{approved}/scores", new { scores = new { taste = 11, smell = 3 } });
        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        var problem = await tooHigh.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["scores.look", "scores.smell", "scores.taste"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        using var asText = await juror.PutAsync($"/api/campaigns/{slug}/jury/entries/{approved}/scores",
            new StringContent("""{"scores":{"taste":"7","look":7}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, asText.StatusCode);
        using var notInGallery = await juror.PutAsJsonAsync($"/api/campaigns/{slug}/jury/entries/{rejected}/scores", new { scores = new { taste = 5, look = 5 } });
        Assert.Equal(HttpStatusCode.NotFound, notInGallery.StatusCode);

        var votesOnly = await CreateAsync(Host, "juryvotes", new { winners = new { basis = "votes" } });
        using var noJury = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{votesOnly}/jurors", new { name = "Chef Ana" });
        Assert.Equal(HttpStatusCode.Conflict, noJury.StatusCode);
        using var nameless = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{slug}/jurors", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
    }

    private async Task<(string Id, string Key)> AddJurorAsync(string slug, string name)
    {
        using var added = await Host.Admin.PostAsJsonAsync($"/api/campaigns/{slug}/jurors", new { name });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var juror = await added.Content.ReadFromJsonAsync<JsonElement>();
        return (juror.GetProperty("id").GetString()!, juror.GetProperty("key").GetString()!);
    }

    private HttpClient Juror(string key)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task ScoreAsync(HttpClient juror, string slug, string entryId, int taste, int look)
    {
        using var scored = await juror.PutAsJsonAsync($"/api/campaigns/{slug}/jury/entries/{entryId}/scores", new { scores = new { taste, look } });
        Assert.True(scored.StatusCode == HttpStatusCode.OK, await scored.Content.ReadAsStringAsync());
    }

    private static bool Dispose(HttpResponseMessage response)
    {
        response.Dispose();
        return false;
    }

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        var rows = new List<Dictionary<string, string>>();
        using var reader = CsvReader.Create(bytes[3..], new CsvReaderOptions());
        foreach (var row in reader)
        {
            var cells = row.ToArray();
            rows.Add(reader.Headers!.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => cells[p.i]));
        }
        return rows;
    }
}
