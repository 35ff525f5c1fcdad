using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;
using CampaignEngine.Polls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignEngine.IntegrationTests.Hosting;

/// <summary>The engine as an Azure Functions custom handler: queue triggers arrive as POST /{FunctionName}.</summary>
public sealed class CustomHandlerTests : IAsyncLifetime
{
    private EngineHost host = null!;

    public async Task InitializeAsync() =>
        // The outbox off: the forwarded vote below must be on the queue, not in the table when the queue is slow.
        host = await EngineHost.StartAsync(new Dictionary<string, string?> { [CustomHandler.PortVariable] = "0", ["Outbox:AnswerWithin"] = "00:00:00" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>The payload shape the Functions host sends for a queue trigger.</summary>
    private static readonly JsonSerializerOptions Exact = new() { PropertyNamingPolicy = null };

    private static object HostPayload(string message, int dequeueCount = 1) => new
    {
        Data = new { message },
        Metadata = new
        {
            DequeueCount = dequeueCount,
            Id = Guid.NewGuid().ToString(),
            InsertionTime = DateTimeOffset.UtcNow.ToString("O"),
            ExpirationTime = DateTimeOffset.UtcNow.AddDays(7).ToString("O"),
            NextVisibleTime = DateTimeOffset.UtcNow.AddMinutes(10).ToString("O"),
            PopReceipt = "AgAAAAMAAAAAAAAA",
            sys = new { MethodName = "VoteTally", UtcNow = DateTimeOffset.UtcNow.ToString("O"), RandGuid = Guid.NewGuid().ToString() },
        },
    };

    [Fact]
    public async Task InCustomHandlerModeTheOwnQueueListenersAreOff()
    {
        Assert.False(host.Services.GetRequiredService<IOptions<QueueListenerOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task AQueueInvocationFromTheHostIsTalliedAndAnsweredInTheHostsShape()
    {
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("handler"));
        var votes = Enumerable.Range(0, 3).Select(i =>
        {
            var key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";
            return new SubmissionAccepted($"r{i}", poll.Slug, "v", "van", key[..32], "c", 1, SubmissionKeys.ShardOf(key, 16), DateTimeOffset.UtcNow);
        }).ToArray();
        var message = JsonSerializer.Serialize(new Batch<SubmissionAccepted>(votes), MessageJson.Options);

        var response = await host.Admin.PostAsJsonAsync("/VoteTally", HostPayload(message), Exact);
        var again = await host.Admin.PostAsJsonAsync("/VoteTally", HostPayload(message, dequeueCount: 2), Exact);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.True(body.TryGetProperty("ReturnValue", out _));
        await host.WaitForTotalAsync(poll.Slug, 3);
    }

    [Fact]
    public async Task AJsonMessagePassedAsAnObjectIsAcceptedToo()
    {
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("object"));
        var key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var batch = new Batch<SubmissionAccepted>([new SubmissionAccepted("r", poll.Slug, "v", "choc", key, "c", 1, SubmissionKeys.ShardOf(key, 16), DateTimeOffset.UtcNow)]);

        var response = await host.Admin.PostAsJsonAsync("/VoteTally", JsonSerializer.SerializeToNode(new { Data = new { message = JsonSerializer.SerializeToNode(batch, MessageJson.Options) }, Metadata = new { DequeueCount = "1", Id = "x" } }, Exact));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task AFailingInvocationAnswersNon2xxSoTheHostRetriesAndPoisons()
    {
        var response = await host.Admin.PostAsJsonAsync("/VoteTally", HostPayload("{\"items\": 42}"), Exact);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("VoteTally failed", body.GetProperty("Logs")[0].GetString());
    }

    [Fact]
    public async Task AnUnreadablePayloadIsABadRequest()
    {
        var response = await host.Admin.PostAsync("/ContactCapture", new StringContent("{\"Metadata\": {}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ForwardedHttpRequestsReachTheSameRoutes()
    {
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("forward"));
        using var fan = host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes") { Content = JsonContent.Create(new { optionId = "choc" }) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await fan.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The vote sits on the queue for the Functions host to deliver: nothing here consumes it.
        var queued = await host.Queues.GetQueueClient(host.Names.VotesQueue).PeekMessagesAsync(32);
        Assert.Contains(queued.Value, m => m.Body.ToString().Contains(poll.Slug));
    }
}
