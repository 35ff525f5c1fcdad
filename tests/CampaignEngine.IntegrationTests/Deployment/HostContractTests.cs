using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>The engine under the Functions host: listening on FUNCTIONS_CUSTOMHANDLER_PORT, its own queue listeners off.</summary>
public sealed class CustomHandlerEngineFixture : EngineFixture
{
    // The front end's host for the forwarded requests below; the Functions host's own calls name 127.0.0.1.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [CustomHandler.PortVariable] = "0",
        ["AllowedHosts"] = "vote.example.net",
        // These tests play the Functions host delivering queue messages, so every vote must be one:
        // with the outbox on, a queue slow to answer under load would leave it in the table instead.
        ["Outbox:AnswerWithin"] = "00:00:00",
    };
}

/// <summary>
/// Requests exactly as the Azure Functions host sends them to a custom handler, replayed against
/// the engine: forwarded HTTP requests (enableForwardingHttpRequest) and queue-trigger
/// invocations, in the shape the host's source produces and the shape the docs show.
/// </summary>
public sealed class HostContractTests(CustomHandlerEngineFixture fixture) : IClassFixture<CustomHandlerEngineFixture>
{
    private const string ClientIp = "203.0.113.7";
    private EngineHost Host => fixture.Host;

    // ---- queue-trigger invocations --------------------------------------------------------

    [Theory]
    [InlineData(PayloadShape.HostSource)]
    [InlineData(PayloadShape.Documented)]
    public void TheInvocationPayloadIsReadInEitherShape(PayloadShape shape)
    {
        var inserted = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var payload = FunctionsHost.Payload(shape, "VoteTally", """{"items":[{"slug":"a \"quoted\" ünïcode <tag>"}]}""", "5f0c9a7e-1d3b-4c1e-9a55-7d0f2b6c8e11", 3,
            inserted, inserted.AddDays(7), inserted.AddMinutes(1), "AgAAAAMAAAAAAAAA0fdN2w==");

        var invocation = CustomHandler.ReadInvocation(JsonDocument.Parse(payload.ToJsonString()).RootElement);

        Assert.Equal("""{"items":[{"slug":"a \"quoted\" ünïcode <tag>"}]}""", invocation.MessageText);
        Assert.Equal("5f0c9a7e-1d3b-4c1e-9a55-7d0f2b6c8e11", invocation.MessageId);
        Assert.Equal(3, invocation.DequeueCount);
        Assert.Equal(inserted, invocation.InsertionTime);
    }

    [Fact]
    public void OlderHostsQuotedDatesAndAMessagePassedAsAnObjectAreReadToo()
    {
        // Hosts before the DateTimeOffset special case serialized dates with JsonConvert too.
        const string payload = """
            {"Data":{"message":{"items":[]}},
             "Metadata":{"DequeueCount":2,"Id":"\"abc\"","InsertionTime":"\"2025-05-06T07:08:09.123+00:00\"","sys":{"MethodName":"VoteTally"}}}
            """;

        var invocation = CustomHandler.ReadInvocation(JsonDocument.Parse(payload).RootElement);

        Assert.Equal("""{"items":[]}""", invocation.MessageText);
        Assert.Equal("abc", invocation.MessageId);
        Assert.Equal(2, invocation.DequeueCount);
        Assert.Equal(new DateTimeOffset(2025, 5, 6, 7, 8, 9, 123, TimeSpan.Zero), invocation.InsertionTime);
    }

    [Theory]
    [InlineData(PayloadShape.HostSource)]
    [InlineData(PayloadShape.Documented)]
    public async Task AVoteMessageDeliveredByTheHostIsTallied(PayloadShape shape)
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("contract"));
        using var fan = Host.CreateClient();
        using var vote = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" });
        Assert.Equal(HttpStatusCode.Accepted, vote.StatusCode);

        var queue = Host.Queues.GetQueueClient(Host.Names.VotesQueue);
        var statuses = await Eventually.ReturnsAsync(() => FunctionsHost.DrainOnceAsync(Host.Admin, "VoteTally", queue, shape),
            s => s.Count > 0, TimeSpan.FromSeconds(10), "the vote message");

        Assert.All(statuses, s => Assert.Equal(200, s));
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task ARedeliveryWithAnotherDequeueCountInEitherFormChangesNothing()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("redeliver"));
        using var fan = Host.CreateClient();
        using var vote = await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "van" });
        var queue = Host.Queues.GetQueueClient(Host.Names.VotesQueue);
        var message = await Eventually.ReturnsAsync(async () => (await queue.PeekMessagesAsync(32)).Value.FirstOrDefault(m => m.Body.ToString().Contains(poll.Slug)),
            m => m is not null, TimeSpan.FromSeconds(10), "the vote message");
        var text = message!.Body.ToString();

        // The host delivered it, the handler tallied it, the host died before deleting it: it comes again.
        using var first = await FunctionsHost.InvokeAsync(Host.Admin, "VoteTally", FunctionsHost.Payload(PayloadShape.HostSource, "VoteTally", text, dequeueCount: 1));
        using var second = await FunctionsHost.InvokeAsync(Host.Admin, "VoteTally", FunctionsHost.Payload(PayloadShape.HostSource, "VoteTally", text, dequeueCount: 2));
        using var third = await FunctionsHost.InvokeAsync(Host.Admin, "VoteTally", FunctionsHost.Payload(PayloadShape.Documented, "VoteTally", text, dequeueCount: 3));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task TheAnswerHasTheShapeTheHostDeserializes()
    {
        using var response = await FunctionsHost.InvokeAsync(Host.Admin, "ContactCapture",
            FunctionsHost.Payload(PayloadShape.HostSource, "ContactCapture", """{"items":[]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // HttpScriptInvocationResult: Outputs (dictionary), Logs (list of strings), ReturnValue (object).
        Assert.Equal(["Logs", "Outputs", "ReturnValue"], body.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("Logs").ValueKind);
    }

    [Fact]
    public async Task AMessageTheFunctionCannotProcessFailsWithANon2xxSoTheHostRetriesAndPoisons()
    {
        using var response = await FunctionsHost.InvokeAsync(Host.Admin, "VoteTally",
            FunctionsHost.Payload(PayloadShape.HostSource, "VoteTally", """{"items": 42}""", dequeueCount: 5));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("VoteTally failed", body.GetProperty("Logs")[0].GetString());
    }

    [Fact]
    public async Task AnInvocationWithoutDataIsRejectedWithANon2xx()
    {
        using var response = await Host.Admin.PostAsync("/VoteTally", new StringContent("""{"Metadata":{"DequeueCount":"1"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownFunctionNameIsNotFound()
    {
        using var response = await FunctionsHost.InvokeAsync(Host.Admin, "Tally", FunctionsHost.Payload(PayloadShape.HostSource, "Tally", """{"items":[]}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // ---- forwarded HTTP requests ----------------------------------------------------------

    [Fact]
    public async Task TheReadinessProbeGetsAnHttpAnswer()
    {
        // The host polls GET / and takes any HTTP answer as "ready".
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        using var response = await client.GetAsync("/");
        Assert.True((int)response.StatusCode < 500, $"GET / answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task AForwardedRequestWithTheFrontEndsAndTheHostsHeadersIsServed()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("fwd"));
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        // The host rebuilds the query from its parsed form (values of a repeated key joined by ",").
        var request = Forwarded(HttpMethod.Get, $"/api/campaigns/{poll.Slug}?utm_source=qr&utm_medium=poster%20A&tag=a,b");
        request.Headers.Authorization = new("Bearer", Host.AdminKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(poll.Slug, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString());
    }

    [Fact]
    public async Task AForwardedVoteWithItsBodyIsAccepted()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("fwdvote"));
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        var request = Forwarded(HttpMethod.Post, $"/c/{poll.Slug}/votes");
        // The host copies a body only when Content-Length is set, with its Content-Type.
        request.Content = JsonContent.Create(new { optionId = "straw" });
        await request.Content.LoadIntoBufferAsync();

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task LinksAreBuiltFromTheOriginalHostAndSchemeTheRequestCameIn()
    {
        var request = Forwarded(HttpMethod.Post, "/api/campaigns");
        request.Headers.Authorization = new("Bearer", Host.AdminKey);
        request.Content = JsonContent.Create(new PollBuilder().UniqueSlug("links").Build());
        await request.Content.LoadIntoBufferAsync();
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var links = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links");
        Assert.StartsWith("https://vote.example.net/c/", links.GetProperty("page").GetString());
    }

    [Fact]
    public async Task FrontEndIdentityHeadersGrantNothing()
    {
        // x-ms-client-principal* come from App Service authentication, which this app does not use;
        // a client can send them too, so they must not stand in for the admin key.
        var request = Forwarded(HttpMethod.Get, "/api/campaigns");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "admin@example.com");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-ID", Guid.NewGuid().ToString());
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-IDP", "aad");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"admin"}]}"""u8));
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheClientAddressComesFromXForwardedForWithItsPort()
    {
        // A dedicated engine with a tiny API budget: the limit is per client IP, and every
        // request reaches the engine from the host on loopback, which is exempt.
        await using var limited = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            [CustomHandler.PortVariable] = "0",
            ["AllowedHosts"] = "vote.example.net",
            ["RateLimits:ApiPerMinute"] = "3",
        });
        using var client = new HttpClient { BaseAddress = limited.BaseAddress };
        async Task<HttpStatusCode> ListAsync(string clientIp)
        {
            var request = Forwarded(HttpMethod.Get, "/api/campaigns", clientIp);
            request.Headers.Authorization = new("Bearer", limited.AdminKey);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) first.Add(await ListAsync("198.51.100.10"));
        var other = await ListAsync("198.51.100.11");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    /// <summary>
    /// A request as it reaches the engine through the App Service front end and the Functions host
    /// (forwarding mode): original method, path, query and headers, plus the host's own headers.
    /// </summary>
    private static HttpRequestMessage Forwarded(HttpMethod method, string pathAndQuery, string clientIp = ClientIp)
    {
        const string site = "func-campaign-abc123";
        var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.Host = "vote.example.net";
        request.Headers.Add("X-Forwarded-For", $"{clientIp}:50123");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-TlsVersion", "1.3");
        request.Headers.Add("X-AppService-Proto", "https");
        request.Headers.Add("X-ARR-SSL", "2048|256|CN=Microsoft Azure RSA TLS Issuing CA 04|CN=*.azurewebsites.net");
        request.Headers.Add("X-ARR-LOG-ID", Guid.NewGuid().ToString());
        request.Headers.Add("X-Original-URL", pathAndQuery);
        request.Headers.Add("X-WAWS-Unencoded-URL", pathAndQuery);
        request.Headers.Add("CLIENT-IP", $"{clientIp}:50123");
        request.Headers.Add("X-Client-IP", clientIp);
        request.Headers.Add("X-Client-Port", "50123");
        request.Headers.Add("DISGUISED-HOST", $"{site}.azurewebsites.net");
        request.Headers.Add("WAS-DEFAULT-HOSTNAME", $"{site}.azurewebsites.net");
        request.Headers.Add("X-SITE-DEPLOYMENT-ID", site);
        request.Headers.Add("X-MS-COLDSTART", "1");
        request.Headers.Add("X-MS-CLIENT-AUTHORIZATION-SOURCE", "none");
        request.Headers.Add("Max-Forwards", "10");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        // Added by the Functions host (DefaultHttpWorkerService.AddHeaders).
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", FunctionsHost.HostVersion);
        request.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (X11; Linux x86_64) Azure-Functions-Host/{FunctionsHost.HostVersion}");
        return request;
    }
}
