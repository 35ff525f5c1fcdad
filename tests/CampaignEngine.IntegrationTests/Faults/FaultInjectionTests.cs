using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CampaignEngine.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Faults;

/// <summary>
/// Votes keep arriving while the engine is SIGKILLed at random moments and restarted, and storage
/// restarts once. Fans retry (with an Idempotency-Key) until they hold a receipt, as a real
/// client on a flaky network would. Afterwards every receipt is a counted vote and every counted
/// vote has a receipt. <c>CAMPAIGNENGINE_FAULTS_FULL=1</c> runs the long version (./bench.sh).
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private static readonly string[] Options = ["choc", "van", "straw"];

    /// <param name="throughOutbox">
    /// Answer from the table outbox after 1 ms instead of 50: most groups are then written to both
    /// the queue and the outbox (or to the outbox alone while the queue counts as stalled), kills land
    /// between the two writes, and each vote can arrive from both paths.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Category", "Faults")]
    public async Task KilledEnginesAndARestartedStorageLoseNoVoteAndCountNoneTwice(bool throughOutbox)
    {
        var scale = FaultScale.FromEnvironment();
        var data = Directory.CreateTempSubdirectory("ce-faults-");
        await using var azurite = await AzuriteServer.StartAsync(data.FullName);
        var adminKey = "faults-" + Guid.NewGuid().ToString("N");
        var baseAddress = new Uri($"http://127.0.0.1:{AzuriteServer.FreePort()}");
        var settings = new Dictionary<string, string>
        {
            ["CampaignStorage"] = azurite.ConnectionString,
            ["Storage__Prefix"] = "faults",
            ["CampaignEngine__AdminApiKey"] = adminKey,
            ["Contacts__KeySecret"] = EngineHost.ContactKeySecret,
            // A killed engine's leased messages come back after the lease; keep that short.
            ["QueueListener__MessageLease"] = "00:00:03",
            ["QueueListener__MinPollingInterval"] = "00:00:00.020",
            ["QueueListener__MaxPollingInterval"] = "00:00:00.250",
            // Every SIGKILL counts as a failed dequeue of whatever was in flight, as under the
            // Functions host; twenty kills must not push a healthy message into the poison queue.
            ["QueueListener__MaxDequeueCount"] = "50",
            // The same for outbox rows, which the default configuration also writes whenever a kill
            // or the storage restart stalls the queue: a row leased by a killed drainer counts an attempt.
            ["Outbox__MaxAttempts"] = "50",
            ["Outbox__Lease"] = "00:00:03",
            ["Logging__LogLevel__Default"] = "Warning",
            // The bench endpoints say how many groups took the outbox.
            ["Benchmark__BareEndpoint"] = "true",
        };
        if (throughOutbox)
        {
            settings["Outbox__AnswerWithin"] = "00:00:00.001";
            settings["Outbox__StallCooldown"] = "00:00:00";
            settings["Outbox__DrainAfter"] = "00:00:00.300";
            settings["Outbox__DrainInterval"] = "00:00:00.100";
        }
        long outboxWrites = 0;

        var engine = await EngineProcess.StartAsync(baseAddress, settings, TimeSpan.FromSeconds(60));
        try
        {
            using var admin = new HttpClient { BaseAddress = baseAddress };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            var slug = await CreatePollAsync(admin);

            var fans = new FanCrowd(baseAddress, slug);
            using var stop = new CancellationTokenSource();
            var voting = fans.VoteUntilStoppedAsync(scale.Fans, stop.Token);
            var clock = Stopwatch.StartNew();
            var random = new Random();
            for (var kill = 1; kill <= scale.Kills; kill++)
            {
                var before = fans.Receipts.Count;
                await Task.Delay(random.Next(scale.MinLife, scale.MaxLife));
                outboxWrites += await OutboxWritesAsync(admin);
                await engine.KillAsync();
                output.WriteLine($"kill {kill} at {clock.Elapsed.TotalSeconds:0.0} s; receipts {before} → {fans.Receipts.Count}");
                if (kill == scale.Kills / 2)
                {
                    await azurite.RestartGracefullyAsync();
                    output.WriteLine($"storage restarted at {clock.Elapsed.TotalSeconds:0.0} s");
                }
                engine = await EngineProcess.StartAsync(baseAddress, settings, TimeSpan.FromSeconds(60));
            }
            await stop.CancelAsync();
            await voting;

            var issued = fans.Receipts.Values.ToHashSet();
            output.WriteLine($"{issued.Count} receipts, {fans.Attempts} attempts, {fans.Failures} failed attempts, in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(fans.Receipts.Count, issued.Count);
            Assert.True(issued.Count >= scale.MinReceipts, $"only {issued.Count} votes got through: the run was not sustained");
            Assert.True(fans.Failures > 0, "no request ever failed: the faults did not hit the vote path");
            output.WriteLine($"{outboxWrites} groups went through the outbox");
            if (throughOutbox) Assert.True(outboxWrites > 0, "no group went through the outbox");

            var results = await Eventually.ReturnsAsync(() => ResultsAsync(admin, slug),
                r => r.GetProperty("totalVotes").GetInt64() >= issued.Count, TimeSpan.FromSeconds(scale.TallySeconds),
                $"the tally to reach {issued.Count}");
            Assert.Equal(issued.Count, results.GetProperty("totalVotes").GetInt64());

            var stored = await StoredVotesAsync(azurite, slug);
            Assert.Equal(issued.Count, stored.Count);
            Assert.True(issued.SetEquals(stored.Select(v => v.Receipt)), "stored receipts differ from the receipts the fans hold");
            foreach (var option in Options)
            {
                var counted = results.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == option);
                Assert.Equal(stored.Count(v => v.OptionId == option), counted.GetProperty("votes").GetInt64());
            }
            // Every outbox row is drained in the end, by its writer or by a drainer (of a later engine, if it was killed).
            var outbox = new TableClient(azurite.ConnectionString, "faultsoutbox");
            await Eventually.ReturnsAsync(async () => await outbox.QueryAsync<TableEntity>(maxPerPage: 1).AnyAsync(), any => !any,
                TimeSpan.FromSeconds(scale.TallySeconds), "the outbox to be drained");
            var poison = new QueueClient(azurite.ConnectionString, "faultsvotes-poison");
            Assert.False(await poison.ExistsAsync() && (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0,
                "votes ended up in the poison queue");
        }
        catch
        {
            output.WriteLine(engine.RecentOutput);
            throw;
        }
        finally
        {
            await engine.DisposeAsync();
        }
    }

    private static async Task<string> CreatePollAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/api/campaigns", new PollBuilder().UniqueSlug("faults").Build());
        created.EnsureSuccessStatusCode();
        var slug = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
        (await admin.PostAsync($"/api/campaigns/{slug}/publish", null)).EnsureSuccessStatusCode();
        return slug;
    }

    /// <summary>Groups the running engine wrote to its outbox; 0 when it cannot say (it may be starting).</summary>
    private static async Task<long> OutboxWritesAsync(HttpClient admin)
    {
        try
        {
            using var response = await admin.GetAsync("/bench/outbox");
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("votes").GetInt64() : 0;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static async Task<JsonElement> ResultsAsync(HttpClient admin, string slug)
    {
        // The engine answers from a one-second cache; the deadline poll covers that.
        using var response = await admin.GetAsync($"/api/campaigns/{slug}/results");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<(string Receipt, string OptionId)>> StoredVotesAsync(AzuriteServer azurite, string slug)
    {
        var table = new TableClient(azurite.ConnectionString, "faultsvotes");
        var votes = new List<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {slug + "|"} and PartitionKey lt {slug + "|~"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            if (row.RowKey.StartsWith("v|", StringComparison.Ordinal)) votes.Add((row.GetString("Receipt"), row.GetString("OptionId")));
        }
        return votes;
    }

    /// <summary>How hard to push: a quick run in ./test.sh, a long one from ./bench.sh.</summary>
    private sealed record FaultScale(int Kills, int Fans, int MinLife, int MaxLife, int MinReceipts, int TallySeconds)
    {
        public static FaultScale FromEnvironment() =>
            Environment.GetEnvironmentVariable("CAMPAIGNENGINE_FAULTS_FULL") == "1"
                ? new FaultScale(Kills: 60, Fans: 64, MinLife: 200, MaxLife: 3000, MinReceipts: 5000, TallySeconds: 180)
                : new FaultScale(Kills: 20, Fans: 16, MinLife: 100, MaxLife: 700, MinReceipts: 200, TallySeconds: 90);
    }
}
