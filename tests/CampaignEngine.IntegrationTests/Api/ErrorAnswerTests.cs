using System.Net;
using System.Net.Http.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.IntegrationTests.Api;

/// <summary>An engine whose log entries the tests read back.</summary>
public sealed class LoggedEngineFixture : IAsyncLifetime
{
    public CapturedLogs Logs { get; } = new();
    public EngineHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await EngineHost.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(Logs));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Every error answer is in a format the caller reads: the fan page for browsers on fan routes,
/// ProblemDetails for the API and JSON clients, plain text for anyone else; never an empty 500, and
/// never a stack trace in the log for a client's mistake.
/// </summary>
public sealed class ErrorAnswerTests(LoggedEngineFixture fixture) : IClassFixture<LoggedEngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Theory]
    [InlineData("POST", "/", "text/html", 405, "text/html")]
    [InlineData("PUT", "/c/never-was", "text/html", 405, "text/html")]
    [InlineData("POST", "/", "text/plain", 405, "text/plain")]
    [InlineData("DELETE", "/healthz", "text/plain", 405, "text/plain")]
    [InlineData("GET", "/nothing-here", "image/png", 404, "text/plain")]
    [InlineData("GET", "/nothing-here", "text/html", 404, "text/plain")]
    [InlineData("GET", "/nothing-here", "garbage;;;", 404, "text/plain")]
    [InlineData("GET", "/nothing-here", null, 404, "application/problem+json")]
    [InlineData("GET", "/nothing-here", "*/*", 404, "application/problem+json")]
    [InlineData("GET", "/api/campaigns", "text/html", 401, "application/problem+json")]
    [InlineData("GET", "/api/nothing", "image/png", 404, "application/problem+json")]
    [InlineData("POST", "/api/campaigns", "text/plain", 401, "application/problem+json")]
    public async Task AnErrorIsAnsweredInAFormatTheCallerReads(string method, string path, string? accept, int status, string mediaType)
    {
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        AssertNoStackTraceLogged();
    }

    [Theory]
    [InlineData("text/plain", "text/plain")]
    [InlineData("image/png", "text/plain")]
    [InlineData("text/html", "text/html")]
    [InlineData("application/json", "application/problem+json")]
    public async Task ABodyOverTheLimitIs413InTheCallersFormat(string accept, string mediaType)
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("big"));
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/c/{poll.Slug}/votes") { Content = new ByteArrayContent(new byte[70_000]) };
        request.Content.Headers.ContentType = new("application/octet-stream");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        AssertNoStackTraceLogged();
    }

    [Fact]
    public async Task TwoThousandFormFieldsAre413WithTheFriendlyPageAndCountNothing()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("fields"));
        using var fan = Host.CreateClient();
        var fields = new[] { ("optionId", "choc") }.Concat(Enumerable.Range(0, 2_000).Select(i => ($"f{i}", "x"))).ToArray();

        var page = await fan.PostFormAsync($"/c/{poll.Slug}/votes", fields);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Response.StatusCode);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(page.Document.QuerySelector("h1"));
        await AssertCountsOnlyARealVoteAsync(poll.Slug, fan);
    }

    [Fact]
    public async Task AFieldNameOf2048CharactersIs400WithTheFriendlyPage()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("longkey"));
        using var fan = Host.CreateClient();

        var page = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"), (new string('k', 2_048), "x"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        await AssertCountsOnlyARealVoteAsync(poll.Slug, fan);
    }

    [Fact]
    public async Task AFieldValueOver16KiBIs413()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("longvalue"));
        using var fan = Host.CreateClient();

        var page = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"), ("name", new string('n', 20_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Response.StatusCode);
        await AssertCountsOnlyARealVoteAsync(poll.Slug, fan);
    }

    [Fact]
    public async Task AMultipartFormWithoutABoundaryIsRefusedWithThePageNotA500()
    {
        // Fan forms may be multipart (an entry's photo); one whose Content-Type names no boundary cannot be read.
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("multipart"));
        using var fan = Host.CreateClient();
        var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"optionId\"\r\n\r\nchoc\r\n--x--\r\n");
        content.Headers.ContentType = new("multipart/form-data");

        using var response = await fan.PostAsync($"/c/{poll.Slug}/votes", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertNoStackTraceLogged();
    }

    [Fact]
    public async Task AFloodOf429sIsAFloodOf429s()
    {
        await using var limited = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:ExemptLoopback"] = "false",
            ["RateLimits:FanReadsPerMinute"] = "1",
        });
        using var client = new HttpClient { BaseAddress = limited.BaseAddress };
        async Task<HttpResponseMessage> GetAsync(string accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/c/never-was");
            request.Headers.TryAddWithoutValidation("Accept", accept);
            return await client.SendAsync(request);
        }

        await GetAsync("text/html");
        var answers = new List<HttpResponseMessage>();
        foreach (var accept in new[] { "text/plain", "image/png", "text/html", "application/json", "garbage" }) answers.Add(await GetAsync(accept));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Equal(["text/plain", "text/plain", "text/html", "application/problem+json", "text/plain"],
            answers.Select(a => a.Content.Headers.ContentType?.MediaType));
        Assert.All(answers, a => Assert.True(a.Headers.Contains("Retry-After")));
    }

    private async Task AssertCountsOnlyARealVoteAsync(string slug, FanClient fan)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "van" })).StatusCode);
        var results = await Host.WaitForTotalAsync(slug, 1);
        Assert.Equal(1, results.GetProperty("totalVotes").GetInt64());
        AssertNoStackTraceLogged();
    }

    private void AssertNoStackTraceLogged() =>
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.Level >= LogLevel.Warning && (e.Exception is not null || e.Message.Contains(" at ", StringComparison.Ordinal)));
}
