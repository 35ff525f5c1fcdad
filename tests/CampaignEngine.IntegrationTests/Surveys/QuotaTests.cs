using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using static CampaignEngine.IntegrationTests.Pages.Html;
using static CampaignEngine.IntegrationTests.Surveys.Surveys;

namespace CampaignEngine.IntegrationTests.Surveys;

/// <summary>Quotas and the response limit under many fans at once: never over, and what a full quota does.</summary>
public sealed class QuotaTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private const string Question = """{ "id": "age", "type": "single", "text": "Your age", "required": true, "options": [ { "id": "young", "label": "Under 30" }, { "id": "older", "label": "30 or more" } ] }""";

    private static string Survey(string quotas) => $$"""
        { "hiddenFields": [ "store" ], {{quotas}}, "pages": [ { "questions": [ {{Question}} ] } ] }
        """;

    /// <summary>Sends <paramref name="fans"/> responses at once, each from its own client; their status codes.</summary>
    private async Task<HttpStatusCode[]> AllAtOnceAsync(string slug, int fans, Func<int, object> body)
    {
        var clients = Enumerable.Range(0, fans).Select(_ => Host.CreateClient(cookies: false, browserHeaders: false)).ToList();
        try
        {
            using var start = new SemaphoreSlim(0);
            var sends = clients.Select(async (client, i) =>
            {
                await start.WaitAsync();
                using var answer = await client.PostAsJsonAsync($"/c/{slug}/responses", body(i));
                return answer.StatusCode;
            }).ToList();
            start.Release(fans);
            return await Task.WhenAll(sends);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public async Task AQuotaThatEndsTakesExactlyItsLimitOfAHundredFansAtOnceAndTheRestAreToldItIsFull()
    {
        var slug = await CreateAsync(Host, "quota-end", Survey(""" "quotas": [ { "id": "store-42", "limit": 30, "when": { "question": "hidden.store", "operator": "equals", "value": "42" } } ] """));

        var codes = await AllAtOnceAsync(slug, 100, i => new { answers = new { age = i % 2 == 0 ? "young" : "older" }, hidden = new { store = "42" } });
        // Other stores are not in the quota.
        var others = await AllAtOnceAsync(slug, 5, _ => new { answers = new { age = "young" }, hidden = new { store = "7" } });

        Assert.Equal(30, codes.Count(c => c == HttpStatusCode.Accepted));
        Assert.Equal(70, codes.Count(c => c == HttpStatusCode.Conflict));
        Assert.All(others, c => Assert.Equal(HttpStatusCode.Accepted, c));
        var results = await WaitForResponsesAsync(Host, slug, 35);
        Assert.Equal(35, results.GetProperty("questions")[0].GetProperty("answered").GetInt64());
        Assert.Equal(0, results.GetProperty("overQuota").GetInt64());
    }

    [Fact]
    public async Task AQuotaThatContinuesKeepsTheResponsesPastItUncounted()
    {
        var slug = await CreateAsync(Host, "quota-go-on", Survey(""" "quotas": [ { "id": "young", "limit": 5, "when": { "question": "age", "operator": "equals", "value": "young" }, "whenFull": "continue" } ] """));

        var codes = await AllAtOnceAsync(slug, 12, _ => new { answers = new { age = "young" } });

        Assert.All(codes, c => Assert.Equal(HttpStatusCode.Accepted, c));
        var results = await Eventually.ReturnsAsync(() => ResultsAsync(Host, slug), r => r.GetProperty("overQuota").GetInt64() == 7,
            because: "seven responses past the quota");
        Assert.Equal(5, results.GetProperty("responses").GetInt64());
        Assert.Equal(5, Counts(results.GetProperty("questions")[0])["young"]);
        using var export = await Host.Admin.GetAsync($"/api/campaigns/{slug}/responses.csv");
        Assert.Equal(13, (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task TheResponseLimitHoldsUnderManyFansAndAFormPostPastItGetsTheFullPage()
    {
        var slug = await CreateAsync(Host, "limit", Survey(""" "responseLimit": 10 """));

        var codes = await AllAtOnceAsync(slug, 40, _ => new { answers = new { age = "older" } });

        Assert.Equal(10, codes.Count(c => c == HttpStatusCode.Accepted));
        using var fan = Host.CreateClient();
        var page = await fan.GetPageAsync($"/c/{slug}");
        var full = await PressAsync(fan, page, "next", ("q.age", "young"));
        Assert.Equal(HttpStatusCode.Conflict, full.Response.StatusCode);
        Assert.Equal("This survey is full", full.Document.QuerySelector("h1")?.TextContent);
        var results = await WaitForResponsesAsync(Host, slug, 10);
        Assert.Equal(10, results.GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task AQuotaOnAHiddenFieldTheSurveyDoesNotDeclareIsRefusedWhenSaved()
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "survey",
            ["title"] = "Quota check",
            ["survey"] = JsonDocument.Parse("""
                { "quotas": [ { "id": "q1", "limit": 3, "when": { "question": "hidden.city", "operator": "equals", "value": "Riga" } } ],
                  "pages": [ { "questions": [ { "type": "shortText", "text": "Hello?" } ] } ] }
                """).RootElement,
        };
        using var refused = await Host.Admin.PostAsJsonAsync("/api/campaigns", body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("survey.quotas[0].when.question", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task AFanWhoseFirstAnswersPutThemInAFullQuotaIsToldAtOnceNotAfterTheLastPage()
    {
        var section = Section.Replace("\"pages\": [",
            "\"quotas\": [ { \"id\": \"gazpacho\", \"limit\": 1, \"when\": { \"question\": \"dish\", \"operator\": \"equals\", \"value\": \"gazpacho\" } } ], \"pages\": [");
        var slug = await CreateAsync(Host, "quota-early", section);
        using var api = Host.CreateClient(cookies: false, browserHeaders: false);
        using var first = await api.PostAsJsonAsync($"/c/{slug}/responses", new { answers = new { dish = "gazpacho", nps = 9 } });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var fan = Host.CreateClient();
        var page = await fan.GetPageAsync($"/c/{slug}");
        var full = await PressAsync(fan, page, "next", ("q.dish", "gazpacho"), ("q.nps", "9"));
        Assert.Equal(HttpStatusCode.Conflict, full.Response.StatusCode);
        Assert.Equal("This survey is full", full.Document.QuerySelector("h1")?.TextContent);
        // A fan outside the quota goes on to the next page.
        var next = await PressAsync(fan, page, "next", ("q.dish", "ceviche"), ("q.nps", "9"));
        Assert.Equal(HttpStatusCode.OK, next.Response.StatusCode);
        Assert.Equal(["visits"], Questions(next));
    }
}
