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

/// <summary>A contest end to end through the real engine: entries, moderation, votes on entries, counts exact.</summary>
public sealed class ContestTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private ProjectionFunction Tally => Host.Services.GetServices<IQueueFunction>().OfType<ProjectionFunction>().Single();

    [Fact]
    public async Task EntriesWaitForApprovalThenTakeVotesAndEveryCountIsExact()
    {
        var slug = await CreateAsync(Host, "donuts");
        var receipts = new List<string>();
        foreach (var title in new[] { "Maple pecan", "Lemon cloud", "Salted caramel" })
        {
            using var fan = Host.CreateClient();
            receipts.Add(await EnterAsync(fan, slug, title, $"All about {title.ToLowerInvariant()}."));
        }
        var pending = await WaitForEntriesAsync(Host, slug, 3);
        Assert.Equal(receipts.Select(EntryKeys.IdOf).Order(), pending.Order());
        var (maple, lemon, caramel) = (EntryKeys.IdOf(receipts[0]), EntryKeys.IdOf(receipts[1]), EntryKeys.IdOf(receipts[2]));

        // Pending entries take no votes.
        using var early = Host.CreateClient();
        using var tooEarly = await VoteAsync(early, slug, maple);
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Contains("entryId", (await tooEarly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var approved = await ModerateAsync(Host, slug, "approve", [maple, lemon, "0123456789abcdef", "not-an-id"]);
        Assert.Equal(2, approved.GetProperty("changed").GetInt32());
        Assert.Equal(["0123456789abcdef", "not-an-id"], approved.GetProperty("notFound").EnumerateArray().Select(e => e.GetString()));
        await ModerateAsync(Host, slug, "reject", [caramel], "Not a donut.");

        // Five fans vote for maple, two of them for lemon too; each entry takes one vote per fan.
        for (var i = 0; i < 5; i++)
        {
            using var fan = Host.CreateClient();
            Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(fan, slug, maple)).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await VoteAsync(fan, slug, maple)).StatusCode);
            if (i < 2) Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(fan, slug, lemon)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await VoteAsync(fan, slug, caramel)).StatusCode);
        }

        // A fan whose votes for an entry are used up sees a note on its page, not a button that would only refuse them.
        using (var returning = Host.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(returning, slug, lemon)).StatusCode);
            var own = await returning.GetPageAsync($"/c/{slug}/entries/{lemon}");
            Assert.Contains("You have used your votes for this entry", own.Document.QuerySelector(".notice.voted")!.TextContent);
            Assert.Null(own.Document.QuerySelector("form[action$='/entry-votes']"));
            Assert.Contains("no-store", own.Response.Headers.CacheControl?.ToString());
            var shared = await Host.CreateClient().GetPageAsync($"/c/{slug}/entries/{lemon}");
            Assert.Null(shared.Document.QuerySelector(".notice.voted"));
            Assert.NotNull(shared.Document.QuerySelector("form[action$='/entry-votes']"));

            // On the gallery too: where they voted a note, elsewhere the button; their own page, not the shared one.
            var gallery = await returning.GetPageAsync($"/c/{slug}/gallery?sort=newest");
            Assert.Equal("You have voted", gallery.Document.QuerySelector($"#entry-{lemon} .voted")!.TextContent);
            Assert.Null(gallery.Document.QuerySelector($"#entry-{lemon} form"));
            Assert.NotNull(gallery.Document.QuerySelector($"#entry-{maple} form[action$='/entry-votes']"));
            Assert.Null(gallery.Document.QuerySelector($"#entry-{maple} .voted"));
            Assert.Contains("no-store", gallery.Response.Headers.CacheControl?.ToString());
            var everyone = await Host.CreateClient().GetPageAsync($"/c/{slug}/gallery?sort=newest");
            Assert.Empty(everyone.Document.QuerySelectorAll(".voted"));
            Assert.Equal(2, everyone.Document.QuerySelectorAll("form[action$='/entry-votes']").Length);
            Assert.DoesNotContain("no-store", everyone.Response.Headers.CacheControl?.ToString());

            // Every entry they voted for, not only the last one their cookie remembers: the rest come from their counted votes.
            Assert.Equal(HttpStatusCode.Accepted, (await VoteAsync(returning, slug, maple)).StatusCode);
            await WaitForVotesAsync(Host, slug, 9);
            var both = await returning.GetPageAsync($"/c/{slug}/gallery?sort=newest");
            Assert.Equal(2, both.Document.QuerySelectorAll(".voted").Length);
            Assert.Empty(both.Document.QuerySelectorAll("form[action$='/entry-votes']"));
        }

        var votes = await WaitForVotesAsync(Host, slug, 9);
        Assert.Equal(new Dictionary<string, long> { [maple] = 6, [lemon] = 3 }, votes);
        var board = await LeaderboardAsync(Host, slug);
        Assert.Equal([1, 2], board.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("rank").GetInt32()));
        var results = await Host.GetResultsAsync(slug);
        Assert.Equal((3L, 9L), (results.GetProperty("entries").GetInt64(), results.GetProperty("votes").GetInt64()));

        var rejected = (await EntriesAsync(Host, slug, "rejected")).EnumerateArray().Single();
        Assert.Equal(("Salted caramel", "Not a donut."), (rejected.GetProperty("title").GetString(), rejected.GetProperty("rejectReason").GetString()));
    }

    [Fact]
    public async Task ARedeliveredEntryCountsOnceAndDoesNotUndoTheModerator()
    {
        var slug = await CreateAsync(Host, "redeliver");
        var entry = new SubmissionAccepted("receipt-" + Guid.NewGuid().ToString("N"), slug, "e",
            new EntryData("Cinnamon swirl", null, EntryStatus.Pending).Write(), new string('a', 32), "c", 1, 0, DateTimeOffset.UtcNow);
        var message = new QueueInvocation(JsonSerializer.Serialize(new Batch<SubmissionAccepted>([entry]), MessageJson.Options), "m1", 1, DateTimeOffset.UtcNow);

        await Tally.RunAsync(message, CancellationToken.None);
        var id = (await WaitForEntriesAsync(Host, slug, 1)).Single();
        await ModerateAsync(Host, slug, "approve", [id]);
        await Tally.RunAsync(message with { DequeueCount = 2 }, CancellationToken.None);

        Assert.Equal(id, (await WaitForEntriesAsync(Host, slug, 1, "approved")).Single());
        Assert.Empty((await EntriesAsync(Host, slug)).EnumerateArray());
        Assert.Equal(1, (await Host.GetResultsAsync(slug)).GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task VotesOnManyEntriesInOnePartitionSplitIntoTransactionsThatFitAndCountOnceEach()
    {
        var slug = await CreateAsync(Host, "buckets", new { moderation = "post" });
        var entries = await ApprovedEntriesOverEveryBucketAsync(slug);

        // 150 votes in one shard partition, each for another entry: more votes than a transaction holds, over every
        // counter row of the shard; a redelivery of the whole message counts nothing twice.
        var votes = entries.Select((id, i) => EntryVote(slug, id, i)).ToArray();
        Assert.Equal(EntryKeys.Buckets, votes.Select(v => EntryKeys.CounterRow(v.Data)).Distinct().Count());
        await Tally.RunAsync(Invocation(votes), CancellationToken.None);
        await Tally.RunAsync(Invocation(votes), CancellationToken.None);

        var counted = await WaitForVotesAsync(Host, slug, 150);
        Assert.Equal(150, counted.Count);
        Assert.All(counted.Values, n => Assert.Equal(1, n));
        Assert.Equal(150, (await Host.GetResultsAsync(slug)).GetProperty("votes").GetInt64());
    }

    [Fact]
    public async Task AQuietTallyRewritesTheBucketRowsABusyOneAddsADeltaRowPerTransactionAndTheBoardAddsUpBoth()
    {
        var slug = await CreateAsync(Host, "deltas", new { moderation = "post" });
        var entries = await ApprovedEntriesOverEveryBucketAsync(slug);

        // Quiet: two messages of one vote each touch one bucket row apiece, which they rewrite.
        await Tally.RunAsync(Invocation([EntryVote(slug, entries[0], 500)]), CancellationToken.None);
        await Tally.RunAsync(Invocation([EntryVote(slug, entries[1], 501)]), CancellationToken.None);
        var quiet = await FurtherCounterRowsAsync(slug);
        Assert.DoesNotContain(quiet, IsDelta);
        Assert.Equal(new[] { entries[0], entries[1] }.Select(EntryKeys.CounterRow).Distinct().Order(StringComparer.Ordinal), quiet.Order(StringComparer.Ordinal));

        // Busy: 150 votes over every bucket of the shard go in two transactions (98 votes, the counter row and a delta row; then 52).
        var votes = entries.Select((id, i) => EntryVote(slug, id, i)).ToArray();
        await Tally.RunAsync(Invocation(votes), CancellationToken.None);
        await Tally.RunAsync(Invocation(votes), CancellationToken.None);

        var busy = await FurtherCounterRowsAsync(slug);
        Assert.Equal(2, busy.Count(IsDelta));
        Assert.Equal(quiet.Order(StringComparer.Ordinal), busy.Where(r => !IsDelta(r)).Order(StringComparer.Ordinal));
        var counted = await WaitForVotesAsync(Host, slug, 152);
        Assert.Equal(2, counted[entries[0]]);
        Assert.Equal(2, counted[entries[1]]);
        Assert.All(entries.Skip(2), id => Assert.Equal(1, counted[id]));

        static bool IsDelta(string row) => row.StartsWith(SubmissionKeys.CounterRowOf("+"), StringComparison.Ordinal);
    }

    /// <summary>150 approved entries, at least one in every counter bucket, entered straight through the tally.</summary>
    private async Task<List<string>> ApprovedEntriesOverEveryBucketAsync(string slug)
    {
        var candidates = Enumerable.Range(0, 2000).Select(i => ApprovedEntry(slug, i)).ToList();
        // Ids are hashes of the (random) slug's receipts: pick one entry of every bucket first, so the votes surely cover them all.
        var firsts = candidates.GroupBy(e => EntryKeys.CounterRow(EntryKeys.IdOf(e.Receipt))).Select(g => g.First()).ToList();
        var entries = firsts.Concat(candidates.Except(firsts).Take(150 - firsts.Count)).ToArray();
        await Tally.RunAsync(Invocation(entries), CancellationToken.None);
        await WaitForEntriesAsync(Host, slug, 150, "approved");
        return entries.Select(e => EntryKeys.IdOf(e.Receipt)).ToList();
    }

    /// <summary>A vote for the entry from voter <paramref name="voter"/>, always in shard 3.</summary>
    private static SubmissionAccepted EntryVote(string slug, string entryId, int voter) =>
        new($"v-{slug}-{voter}", slug, "ev", entryId, Convert.ToHexStringLower(BitConverter.GetBytes(voter + 1000)).PadRight(32, 'c'),
            "c-" + entryId, 1, 3, DateTimeOffset.UtcNow);

    private async Task<List<string>> FurtherCounterRowsAsync(string slug)
    {
        var (from, to) = SubmissionKeys.FurtherCounterRows;
        var table = Host.Tables.GetTableClient(Host.Names.VotesTable);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(
            $"PartitionKey eq '{SubmissionKeys.Partition(slug, 3)}' and RowKey gt '{from}' and RowKey lt '{to}'", select: ["RowKey"]))
        {
            rows.Add(row.RowKey);
        }
        return rows;
    }

    [Fact]
    public async Task FlagsPastTheThresholdHideAnEntryUntilAModeratorApprovesItAgain()
    {
        var slug = await CreateAsync(Host, "flags", new { moderation = "post", flagThreshold = 3 });
        using (var author = Host.CreateClient()) await EnterAsync(author, slug, "Totally normal donut");
        var id = (await WaitForEntriesAsync(Host, slug, 1, "approved")).Single();

        // Three fans flag it; a fourth flag from one of them is a repeat, and a made-up reason is refused.
        var flaggers = Enumerable.Range(0, 3).Select(_ => Host.CreateClient()).ToList();
        foreach (var fan in flaggers) Assert.Equal(HttpStatusCode.Accepted, (await FlagAsync(fan, slug, id, "spam")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await FlagAsync(flaggers[0], slug, id, "other")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await FlagAsync(Host.CreateClient(), slug, id, "boring")).StatusCode);

        var flagged = await Eventually.ReturnsAsync(() => EntriesAsync(Host, slug, "flagged"), items => items.GetArrayLength() == 1,
            because: "the entry to be hidden by its flags");
        Assert.Equal((id, 3L, true), (flagged[0].GetProperty("id").GetString(), flagged[0].GetProperty("flags").GetInt64(), flagged[0].GetProperty("flaggedOut").GetBoolean()));
        // Hidden: no votes, no entry page, not on the leaderboard.
        using var voter = Host.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await VoteAsync(voter, slug, id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await voter.GetAsync($"/c/{slug}/entries/{id}")).StatusCode);
        Assert.Equal(0, (await LeaderboardAsync(Host, slug)).GetProperty("total").GetInt32());

        // Approved again, its flags so far no longer count; it takes votes again.
        await ModerateAsync(Host, slug, "approve", [id]);
        await Eventually.ReturnsAsync(async () => (await VoteAsync(voter, slug, id)).StatusCode, s => s == HttpStatusCode.Accepted,
            because: "the entry to take votes once approved again");
        Assert.Empty((await EntriesAsync(Host, slug, "flagged")).EnumerateArray());
        Assert.Equal(3, (await Host.GetResultsAsync(slug)).GetProperty("flags").GetInt64());
        foreach (var fan in flaggers) fan.Dispose();
    }

    private static Task<HttpResponseMessage> FlagAsync(HttpClient fan, string slug, string entryId, string reason) =>
        fan.PostAsJsonAsync($"/c/{slug}/entry-flags", new { entryId, reason });
}
