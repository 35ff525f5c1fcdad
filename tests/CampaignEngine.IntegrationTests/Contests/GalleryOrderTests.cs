using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Contests;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Contests.Contests;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Contests;

/// <summary>The gallery's random order (one visitor's own, stable through the pages) and the views behind "flags per view".</summary>
public sealed class GalleryOrderTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private ProjectionFunction Tally => Host.Services.GetServices<IQueueFunction>().OfType<ProjectionFunction>().Single();

    [Fact]
    public async Task ARandomGalleryGivesEachVisitorAShuffleOfTheirOwnThatPagingKeeps()
    {
        var slug = await CreateAsync(Host, "shuffle");
        var ids = await ApprovedAsync(slug, 30);
        using var fan = Host.CreateClient();

        using var start = await fan.GetAsync($"/c/{slug}/gallery?sort=random");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.True(start.Headers.CacheControl?.NoStore, "a visitor's own shuffle is not cached");
        var first = start.Headers.Location!.OriginalString;
        Assert.Matches($"^/c/{slug}/gallery\\?sort=random&seed=[0-9a-f]{{8}}$", first);

        var pageOne = await fan.GetPageAsync(first);
        Assert.Equal("Random", pageOne.Document.QuerySelector("nav.sort [aria-current=page]")!.TextContent);
        var next = pageOne.Document.QuerySelector("nav.pages a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains(first[first.IndexOf("seed=", StringComparison.Ordinal)..], next);
        var pageTwo = await fan.GetPageAsync(next);
        var shown = Shown(pageOne).Concat(Shown(pageTwo)).ToList();
        Assert.Equal(ids.Order(), shown.Order());
        Assert.NotEqual(Shown(await fan.GetPageAsync($"/c/{slug}/gallery")).Concat(Shown(await fan.GetPageAsync($"/c/{slug}/gallery?page=2"))), shown);

        // The same link is the same order; another visitor's shuffle is another.
        Assert.Equal(Shown(pageOne), Shown(await fan.GetPageAsync(first)));
        var orders = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            using var visitor = Host.CreateClient();
            using var own = await visitor.GetAsync($"/c/{slug}/gallery?sort=random");
            orders.Add(string.Join(",", Shown(await visitor.GetPageAsync(own.Headers.Location!.OriginalString))));
        }
        Assert.True(orders.Count > 1, "five visitors all got one order");
        Assert.EndsWith($"/c/{slug}/gallery", pageOne.Document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheModerationSummaryCountsThePagesServedAndFlagsPerThousandViews()
    {
        var slug = await CreateAsync(Host, "views", new { flagThreshold = 10 });
        var ids = await ApprovedAsync(slug, 2);
        using var fan = Host.CreateClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await fan.GetAsync($"/c/{slug}/gallery")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fan.GetAsync($"/c/{slug}/entries/{ids[0]}")).StatusCode);
        using var flagged = await fan.PostAsJsonAsync($"/c/{slug}/entry-flags", new { entryId = ids[0], reason = "spam" });
        Assert.Equal(HttpStatusCode.Accepted, flagged.StatusCode);
        await Host.Services.GetRequiredService<ContestViews>().FlushAsync(CancellationToken.None);

        var summary = await Eventually.ReturnsAsync(() => Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/moderation"),
            s => s.GetProperty("flags").GetInt64() == 1, because: "the flag counted");
        Assert.Equal(4, summary.GetProperty("views").GetInt64());
        Assert.Equal(250.0, summary.GetProperty("flagsPerThousandViews").GetDouble());
        Assert.Equal(2, summary.GetProperty("entries").GetProperty("approved").GetInt32());
        Assert.Equal(0, summary.GetProperty("hiddenByFlags").GetInt32());
    }

    [Fact]
    public async Task TheFansLeaderboardListsTheGalleryByVotesAsTheApiCountsThem()
    {
        var slug = await CreateAsync(Host, "board", new { moderation = "post" });
        var ids = await ApprovedAsync(slug, 3);
        foreach (var (entry, votes) in new[] { (ids[2], 2), (ids[0], 1) })
        {
            for (var i = 0; i < votes; i++)
            {
                using var voter = Host.CreateClient();
                Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(voter, slug, entry)).StatusCode);
            }
        }
        await WaitForVotesAsync(Host, slug, 3);
        var api = (await LeaderboardAsync(Host, slug)).GetProperty("items").EnumerateArray()
            .Select(e => ($"/c/{slug}/entries/{e.GetProperty("id").GetString()}", "#" + e.GetProperty("rank").GetInt32())).ToList();

        using var fan = Host.CreateClient();
        var page = await Eventually.ReturnsAsync(() => fan.GetPageAsync($"/c/{slug}/leaderboard"),
            p => p.Document.QuerySelector("ol.board li .meta")?.TextContent == "2 votes", because: "the board with the votes");
        var rows = page.Document.QuerySelectorAll("ol.board li").Select(li => (li.QuerySelector("a")!.GetAttribute("href")!, li.QuerySelector(".place")!.TextContent)).ToList();
        Assert.Equal(api, rows);
        Assert.Equal([$"/c/{slug}/entries/{ids[2]}", $"/c/{slug}/entries/{ids[0]}", $"/c/{slug}/entries/{ids[1]}"], rows.Select(r => r.Item1));
        using var past = await fan.GetAsync($"/c/{slug}/leaderboard?page=2");
        Assert.Equal(HttpStatusCode.Redirect, past.StatusCode);
    }

    private static IEnumerable<string> Shown(Page page) =>
        page.Document.QuerySelectorAll("li.entry").Select(e => e.Id!["entry-".Length..]).ToList();

    private async Task<List<string>> ApprovedAsync(string slug, int count)
    {
        var entries = Enumerable.Range(0, count).Select(i => ApprovedEntry(slug, i, 'e', DateTimeOffset.UtcNow.AddSeconds(i), "g")).ToArray();
        await Tally.RunAsync(Invocation(entries), CancellationToken.None);
        return await WaitForEntriesAsync(Host, slug, count, "approved");
    }
}
