using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>
/// The unpacked package, started as the Functions host starts it, against the test Azurite: it must
/// be ready within a few seconds and answer queue invocations in the host's shape.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public sealed class PackagedEngineTests(PublishedPackage package, ITestOutputHelper output) : IAsyncLifetime
{
    private StartedEngine started = null!;
    private PackagedEngine engine = null!;

    public async Task InitializeAsync()
    {
        started = await package.EngineAsync();
        engine = started.Engine;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void TheUnpackedEngineIsHealthyWithinAFewSecondsOfProcessStart()
    {
        var line = $"cold start of the packaged engine: first HTTP answer {started.FirstAnswer.TotalMilliseconds:0} ms, " +
            $"first /healthz 200 {started.FirstHealthy.TotalMilliseconds:0} ms after process start (budget {PublishedPackage.StartBudget.TotalSeconds:0} s)";
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(RepoPaths.Artifacts("deployment"), "cold-start.txt"), $"{DateTimeOffset.UtcNow:O} {line}{Environment.NewLine}");
        Assert.True(started.FirstHealthy < PublishedPackage.StartBudget);
    }

    [Fact]
    public async Task AVoteTakenOverHttpIsTalliedWhenTheHostDeliversItsQueueMessage()
    {
        var slug = await CreatePollAsync();
        using var vote = await engine.Client.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "choc" });
        Assert.Equal(HttpStatusCode.Accepted, vote.StatusCode);

        // Nothing inside the engine drains the queue under the Functions host; we play the host: its
        // queue trigger, and its OutboxDrain timer for a vote that took the outbox while the queue was slow.
        var queue = FunctionsHost.Queue(started.Azurite.ConnectionString, started.Prefix + "votes");
        var statuses = new List<int>();
        await Eventually.ReturnsAsync(async () =>
        {
            statuses.AddRange(await FunctionsHost.DrainOnceAsync(engine.Client, "VoteTally", queue));
            using var drain = await FunctionsHost.InvokeAsync(engine.Client, "OutboxDrain", FunctionsHost.TimerPayload("OutboxDrain", DateTimeOffset.UtcNow));
            statuses.Add((int)drain.StatusCode);
            return await TotalVotesAsync(slug);
        }, total => total == 1, TimeSpan.FromSeconds(30), "the vote to be counted");

        Assert.All(statuses, s => Assert.Equal(200, s));
    }

    [Fact]
    public async Task AQueueInvocationIsAnsweredWithOutputsLogsAndReturnValue()
    {
        var payload = FunctionsHost.Payload(PayloadShape.Documented, "VoteTally", """{"items":[]}""");

        using var response = await FunctionsHost.InvokeAsync(engine.Client, "VoteTally", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.True(body.TryGetProperty("ReturnValue", out _));
    }

    [Fact]
    public async Task AnUnknownFunctionNameIsNotFound()
    {
        using var response = await FunctionsHost.InvokeAsync(engine.Client, "NoSuchFunction",
            FunctionsHost.Payload(PayloadShape.HostSource, "NoSuchFunction", """{"items":[]}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WithoutStorageSettingsTheEngineStopsWithAnErrorThatNamesThem()
    {
        await using var unconfigured = PackagedEngine.Start(package.Root, new Dictionary<string, string>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await unconfigured.Process.WaitForExitAsync(timeout.Token);

        output.WriteLine(unconfigured.Output.Split('\n')[0]);
        Assert.NotEqual(0, unconfigured.Process.ExitCode);
        Assert.Contains("Storage is not configured", unconfigured.Output);
        Assert.Contains("CampaignStorage__accountName", unconfigured.Output);
    }

    private async Task<string> CreatePollAsync()
    {
        var created = await engine.Client.PostAsJsonAsync("/api/campaigns", new PollBuilder().UniqueSlug("pkg").Build());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var slug = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
        (await engine.Client.PostAsync($"/api/campaigns/{slug}/publish", null)).EnsureSuccessStatusCode();
        return slug;
    }

    private async Task<long> TotalVotesAsync(string slug)
    {
        var results = await engine.Client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/results");
        return results.GetProperty("totalVotes").GetInt64();
    }
}
