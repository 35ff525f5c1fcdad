using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Pages.Html;
using static CampaignEngine.IntegrationTests.Surveys.Surveys;

namespace CampaignEngine.IntegrationTests.Surveys;

/// <summary>A survey end to end through the real engine: pages without JavaScript, the logic, JSON responses, exact aggregates.</summary>
public sealed class SurveyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private ProjectionFunction Tally => Host.Services.GetServices<IQueueFunction>().OfType<ProjectionFunction>().Single();

    [Fact]
    public async Task AFanGoesThroughThePagesWithBackAndNextAndTheLogicDecidesWhatTheyMeet()
    {
        var slug = await CreateAsync(Host, "pages");
        using var fan = Host.CreateClient();

        var first = await fan.GetPageAsync($"/c/{slug}");
        Assert.Equal(["dish", "nps", "name-it"], Questions(first));
        Assert.Equal("Page 1 of 3", first.Document.QuerySelector(".progress-text")?.TextContent);
        Assert.Null(first.Document.QuerySelector("button[value=back]"));

        var second = await PressAsync(fan, first, "next", ("q.dish", "other"), ("q.dish.other", "Cold almond soup"), ("q.nps", "9"), ("q.name-it", "Ajo blanco"));
        Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);
        // The page holds what the fan typed: never stored by a cache.
        Assert.True(second.Response.Headers.CacheControl?.NoStore);
        // "Other" was picked, so page two asks about it.
        Assert.Equal(["why", "visits"], Questions(second));
        Assert.Equal("Page 2 of 3", second.Document.QuerySelector(".progress-text")?.TextContent);

        // Back keeps everything typed, on both pages.
        var again = await PressAsync(fan, second, "back", ("q.why", "Almonds, garlic, grapes."), ("q.visits", "4"));
        Assert.Equal(["dish", "nps", "name-it"], Questions(again));
        Assert.Equal("other", again.Document.QuerySelector("input[name='q.dish']:checked")?.GetAttribute("value"));
        Assert.Equal("Cold almond soup", again.Document.QuerySelector("input[name='q.dish.other']")?.GetAttribute("value"));
        Assert.Equal("Ajo blanco", again.Document.QuerySelector("input[name='q.name-it']")?.GetAttribute("value"));
        var second2 = await PressAsync(fan, again, "next");
        Assert.Equal("Almonds, garlic, grapes.", second2.Document.QuerySelector("textarea[name='q.why']")?.TextContent);
        Assert.Equal("4", second2.Document.QuerySelector("input[name='q.visits']")?.GetAttribute("value"));

        var third = await PressAsync(fan, second2, "next");
        Assert.Equal(["grid", "order"], Questions(third));
        Assert.Equal("Send my answers", third.Document.QuerySelector("button[value=next]")?.TextContent);
        var done = await PressAsync(fan, third, "next", ("q.grid.taste", "good"), ("q.grid.price", "ok"), ("q.order.soup", "2"), ("q.order.salad", "1"));
        Assert.Equal(HttpStatusCode.SeeOther, done.Response.StatusCode);
        Assert.StartsWith($"/c/{slug}/thanks", done.Response.Headers.Location!.OriginalString);

        // Another fan takes the first Next and goes no further.
        using var quitter = Host.CreateClient();
        var quit = await PressAsync(quitter, await quitter.GetPageAsync($"/c/{slug}"), "next", ("q.dish", "gazpacho"), ("q.nps", "8"));
        Assert.Equal(HttpStatusCode.OK, quit.Response.StatusCode);

        var results = await Eventually.ReturnsAsync(() => ResultsAsync(Host, slug),
            r => r.GetProperty("responses").GetInt64() == 1 && r.GetProperty("started").GetInt64() == 2, because: "one response of two started");
        Assert.Equal(50.0, results.GetProperty("completionRate").GetDouble());
        // The first fan took seconds, not minutes, from the first Next to the end.
        Assert.InRange(results.GetProperty("medianSeconds").GetDouble(), 0, 5);
        Assert.Equal(1, Counts(Question(results, "dish"))["other"]);
        Assert.Equal(1, Question(results, "nps").GetProperty("nps").GetProperty("promoters").GetInt64());
        Assert.Equal(9.0, Question(results, "nps").GetProperty("average").GetDouble());
        Assert.Equal(4.0, Question(results, "visits").GetProperty("average").GetDouble());
        Assert.Equal("salad", Question(results, "order").GetProperty("ranking")[0].GetProperty("id").GetString());
        Assert.Equal(1, Question(results, "why").GetProperty("answered").GetInt64());

        // One response per device: the page now thanks them instead of asking again.
        var back = await fan.GetPageAsync($"/c/{slug}");
        Assert.Null(back.Document.QuerySelector("form#survey-form"));
        Assert.Equal("You have answered", back.Document.QuerySelector(".notice.voted strong")?.TextContent);
    }

    [Fact]
    public async Task ALowScoreEndsTheSurveyAfterTheFirstPageAndAnswersTypedOnSkippedPagesAreNotKept()
    {
        var slug = await CreateAsync(Host, "skip");
        using var fan = Host.CreateClient();
        var first = await fan.GetPageAsync($"/c/{slug}");

        var done = await PressAsync(fan, first, "next", ("q.dish", "gazpacho"), ("q.nps", "1"), ("q.visits", "12"));

        Assert.Equal(HttpStatusCode.SeeOther, done.Response.StatusCode);
        var results = await WaitForResponsesAsync(Host, slug, 1);
        Assert.Equal(1, Question(results, "nps").GetProperty("nps").GetProperty("detractors").GetInt64());
        Assert.Equal(0, Question(results, "visits").GetProperty("answered").GetInt64());
    }

    [Fact]
    public async Task ARefusedPageShowsItsErrorsInlineAndKeepsWhatWasTyped()
    {
        var slug = await CreateAsync(Host, "errors");
        using var fan = Host.CreateClient();
        var first = await fan.GetPageAsync($"/c/{slug}");

        var refused = await PressAsync(fan, first, "next", ("q.nps", "12"), ("q.name-it", "Ajo <b>blanco</b>"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Response.StatusCode);
        Assert.Equal(["#question-dish", "#question-nps"],
            refused.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Answer this question.", refused.Document.QuerySelector("#question-dish-error")?.TextContent);
        Assert.Equal("Enter a number from 0 to 10.", refused.Document.QuerySelector("#question-nps-error")?.TextContent);
        Assert.Equal("Ajo <b>blanco</b>", refused.Document.QuerySelector("input[name='q.name-it']")?.GetAttribute("value"));
        AssertNoActiveContent(refused.Document);
        Assert.Equal(0, (await ResultsAsync(Host, slug)).GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task AJsonResponseIsCheckedWholeAndItsResponseIdMakesARetryCountOnce()
    {
        var slug = await CreateAsync(Host, "json");
        using var api = Host.CreateClient(cookies: false, browserHeaders: false);
        var response = new
        {
            responseId = Guid.NewGuid().ToString(),
            answers = new Dictionary<string, object>
            {
                ["dish"] = "ceviche", ["nps"] = 10, ["visits"] = 2.5, ["grid"] = new { taste = "good" }, ["order"] = new[] { "soup", "salad" },
            },
        };

        using var first = await api.PostAsJsonAsync($"/c/{slug}/responses", response);
        using var retry = await api.PostAsJsonAsync($"/c/{slug}/responses", response);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString());

        using var bad = await api.PostAsJsonAsync($"/c/{slug}/responses", new
        {
            answers = new Dictionary<string, object> { ["dish"] = 3, ["nps"] = "ten", ["nobody"] = "x", ["visits"] = 400 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["answers.dish", "answers.nobody", "answers.nps"], errors.EnumerateObject().Select(e => e.Name).Order());

        using var outOfRange = await api.PostAsJsonAsync($"/c/{slug}/responses", new { answers = new Dictionary<string, object> { ["dish"] = "ceviche", ["nps"] = 9, ["visits"] = 400 } });
        var range = (await outOfRange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Give a number from 0 to 365.", range.GetProperty("answers.visits")[0].GetString());

        var results = await WaitForResponsesAsync(Host, slug, 1);
        Assert.Equal(1, Counts(Question(results, "dish"))["ceviche"]);
        Assert.Equal(2.5, Question(results, "visits").GetProperty("average").GetDouble());
        Assert.Equal(1, Question(results, "grid").GetProperty("matrix")[0].GetProperty("answered").GetInt64());
    }

    [Fact]
    public async Task ARedeliveredResponseCountsOnceAndTheAggregatesEqualTheResponseRows()
    {
        var slug = await CreateAsync(Host, "redeliver");
        var responses = Enumerable.Range(0, 30).Select(i => new SubmissionAccepted($"r-{slug}-{i}", slug, "r",
            $$$"""{"c":{"dish":"{{{(i % 3 == 0 ? "gazpacho" : "ceviche")}}}"},"d":{"nps":{{{i % 11}}}},"n":{"visits":{{{i}}}}}""",
            Convert.ToHexStringLower(BitConverter.GetBytes(i)).PadRight(32, 'd'), "c", 1, i % 16, DateTimeOffset.UtcNow)).ToArray();
        var message = new QueueInvocation(JsonSerializer.Serialize(new Batch<SubmissionAccepted>(responses), MessageJson.Options), "m1", 1, DateTimeOffset.UtcNow);

        await Tally.RunAsync(message, CancellationToken.None);
        await Tally.RunAsync(message with { DequeueCount = 2 }, CancellationToken.None);

        var results = await WaitForResponsesAsync(Host, slug, 30);
        Assert.Equal(new Dictionary<string, long> { ["gazpacho"] = 10, ["ceviche"] = 20, ["other"] = 0 }, Counts(Question(results, "dish")));
        Assert.Equal(Enumerable.Range(0, 30).Average(), Question(results, "visits").GetProperty("average").GetDouble());
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i % 11).Average(), Question(results, "nps").GetProperty("average").GetDouble(), 2);
        var rows = new List<string>();
        await foreach (var row in Host.Tables.GetTableClient(Host.Names.VotesTable).QueryAsync<Azure.Data.Tables.TableEntity>(
                           e => e.PartitionKey.CompareTo(slug + "|") > 0 && e.PartitionKey.CompareTo(slug + "|~") < 0))
        {
            if (row.GetString("Answers") is { } answers) rows.Add(answers);
        }
        Assert.Equal(30, rows.Count);
    }

    [Fact]
    public async Task ThePublicResultsPageShowsOnlyThePublicQuestionsWithBarsDrawnOnTheServer()
    {
        var slug = await CreateAsync(Host, "public");
        using var api = Host.CreateClient(cookies: false, browserHeaders: false);
        foreach (var (dish, nps) in new[] { ("gazpacho", 10), ("gazpacho", 9), ("ceviche", 3) })
        {
            using var sent = await api.PostAsJsonAsync($"/c/{slug}/responses", new { answers = new Dictionary<string, object> { ["dish"] = dish, ["nps"] = nps, ["visits"] = 1 } });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }
        await WaitForResponsesAsync(Host, slug, 3);

        using var fan = Host.CreateClient();
        var page = await Eventually.ReturnsAsync(() => fan.GetPageAsync($"/c/{slug}/results"),
            p => p.Document.QuerySelector(".totals")?.TextContent == "3 responses", because: "the results page with the three responses");

        Assert.Equal(["Which dish should come back?", "How likely are you to recommend us?", "Rate us"],
            page.Document.QuerySelectorAll(".survey-result h2").Select(h => h.TextContent));
        var dishes = page.Document.QuerySelectorAll(".survey-result")[0];
        Assert.Equal(["2 (66.7%)", "1 (33.3%)", "0 (0.0%)"], dishes.QuerySelectorAll(".result-figures").Select(f => f.TextContent));
        Assert.Equal("66.7", dishes.QuerySelector("svg.bar rect")?.GetAttribute("width"));
        Assert.Contains("NPS +33.3", page.Document.QuerySelectorAll(".survey-result")[1].TextContent);
        Assert.DoesNotContain("Visits this year", page.Source);
        AssertNoActiveContent(page.Document);
    }

    [Fact]
    public async Task HiddenFieldsFromTheLinkTravelWithTheResponseAndUnknownOnesAreLeftOut()
    {
        var section = Section.Replace("\"pages\": [", "\"hiddenFields\": [ \"source\", \"store\" ], \"pages\": [");
        var slug = await CreateAsync(Host, "hidden", section);
        using var fan = Host.CreateClient();

        var first = await fan.GetPageAsync($"/c/{slug}?source=instagram&store=42&evil=%3Cx%3E");
        Assert.True(first.Response.Headers.CacheControl?.NoStore);
        Assert.Equal(["instagram", "42"], new[] { "h.source", "h.store" }.Select(n => first.Document.QuerySelector($"input[type=hidden][name='{n}']")?.GetAttribute("value")));
        Assert.Null(first.Document.QuerySelector("input[name='h.evil']"));
        var plain = await fan.GetPageAsync($"/c/{slug}?utm=x");
        Assert.Null(plain.Document.QuerySelector("input[name='h.source']"));

        var second = await PressAsync(fan, first, "next", ("q.dish", "gazpacho"), ("q.nps", "9"));
        Assert.Equal("instagram", second.Document.QuerySelector("input[name='h.source']")?.GetAttribute("value"));
        var third = await PressAsync(fan, second, "next");
        var done = await PressAsync(fan, third, "next");
        Assert.Equal(HttpStatusCode.SeeOther, done.Response.StatusCode);

        using var api = Host.CreateClient(cookies: false, browserHeaders: false);
        using var unknown = await api.PostAsJsonAsync($"/c/{slug}/responses", new { answers = new { dish = "ceviche", nps = 3 }, hidden = new { nope = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["hidden.nope"], (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var sent = await api.PostAsJsonAsync($"/c/{slug}/responses", new { answers = new { dish = "ceviche", nps = 3 }, hidden = new { store = "7" } });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        await WaitForResponsesAsync(Host, slug, 2);
        var stored = new List<string>();
        await foreach (var row in Host.Tables.GetTableClient(Host.Names.VotesTable).QueryAsync<Azure.Data.Tables.TableEntity>(
                           e => e.PartitionKey.CompareTo(slug + "|") > 0 && e.PartitionKey.CompareTo(slug + "|~") < 0))
        {
            if (row.GetString("Answers") is { } answers) stored.Add(JsonDocument.Parse(answers).RootElement.GetProperty("h").GetRawText());
        }
        Assert.Equal(["{\"source\":\"instagram\",\"store\":\"42\"}", "{\"store\":\"7\"}"], stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFanWhoLeavesMidwayComesBackOnTheSameDeviceToThePageTheyLeftWithTheirAnswers()
    {
        var slug = await CreateAsync(Host, "resume");
        using var fan = Host.CreateClient();
        var second = await PressAsync(fan, await fan.GetPageAsync($"/c/{slug}"), "next", ("q.dish", "other"), ("q.dish.other", "Salmorejo"), ("q.nps", "7"));
        await PressAsync(fan, second, "next", ("q.why", "Thick and cold."), ("q.visits", "3"));

        // The tab is closed; later the fan opens the link again on the same device.
        var back = await fan.GetPageAsync($"/c/{slug}");
        Assert.True(back.Response.Headers.CacheControl?.NoStore);
        Assert.Equal(["grid", "order"], Questions(back));
        Assert.Equal("Salmorejo", back.Document.QuerySelector("input[type=hidden][name='q.dish.other']")?.GetAttribute("value"));
        Assert.Equal("Thick and cold.", back.Document.QuerySelector("input[type=hidden][name='q.why']")?.GetAttribute("value"));
        // Another device starts afresh.
        using var other = Host.CreateClient();
        Assert.Equal(["dish", "nps", "name-it"], Questions(await other.GetPageAsync($"/c/{slug}")));

        var done = await PressAsync(fan, back, "next", ("q.grid.taste", "good"));
        Assert.Equal(HttpStatusCode.SeeOther, done.Response.StatusCode);
        var results = await WaitForResponsesAsync(Host, slug, 1);
        Assert.Equal(1, Counts(Question(results, "dish"))["other"]);
        Assert.Equal(3.0, Question(results, "visits").GetProperty("average").GetDouble());
        Assert.Equal(1, results.GetProperty("started").GetInt64());
        // The draft went with the response: nothing of it is kept.
        var drafts = new List<string>();
        await foreach (var row in Host.Tables.GetTableClient(Host.Names.DraftsTable).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == slug))
        {
            drafts.Add(row.RowKey);
        }
        Assert.Empty(drafts);
        Assert.Null((await fan.GetPageAsync($"/c/{slug}")).Document.QuerySelector("form#survey-form"));
    }
}
