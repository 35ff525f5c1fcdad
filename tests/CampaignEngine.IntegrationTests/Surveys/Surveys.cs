using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Surveys;

/// <summary>What survey tests share: a survey through the API, and its pages filled in and posted as a browser does.</summary>
internal static class Surveys
{
    /// <summary>
    /// Three pages: a low NPS ends the survey after the first; page two asks what else only of fans who ticked "other";
    /// page three has a number, a matrix and a ranking. The dish and NPS results are public.
    /// </summary>
    public const string Section = """
        {
          "pages": [
            { "id": "visit", "title": "Your visit", "questions": [
                { "id": "dish", "type": "single", "text": "Which dish should come back?", "required": true, "public": true, "allowOther": true,
                  "options": [ { "id": "gazpacho", "label": "Gazpacho" }, { "id": "ceviche", "label": "Ceviche" } ] },
                { "id": "nps", "type": "nps", "text": "How likely are you to recommend us?", "required": true, "public": true },
                { "id": "name-it", "type": "shortText", "text": "A name for the new dish", "max": 40 } ],
              "jumps": [ { "if": { "question": "nps", "operator": "lessThan", "value": "3" }, "to": "end" } ] },
            { "id": "more", "questions": [
                { "id": "why", "type": "longText", "text": "Tell us about the other dish", "required": true,
                  "showIf": { "question": "dish", "operator": "equals", "value": "other" } },
                { "id": "visits", "type": "number", "text": "Visits this year", "min": 0, "max": 365 } ] },
            { "id": "last", "questions": [
                { "id": "grid", "type": "matrix", "text": "Rate us", "public": true,
                  "rows": [ { "id": "taste", "label": "Taste" }, { "id": "price", "label": "Price" } ],
                  "columns": [ { "id": "bad", "label": "Bad" }, { "id": "ok", "label": "OK" }, { "id": "good", "label": "Good" } ] },
                { "id": "order", "type": "ranking", "text": "Order these", "options": [ { "id": "soup", "label": "Soup" }, { "id": "salad", "label": "Salad" } ] } ] }
          ]
        }
        """;

    public static Task<string> CreateAsync(EngineHost host, string stem, string? section = null, string locale = "en", bool publish = true, string? contact = null) =>
        KindCampaigns.CreateAsync(host, "survey", stem, "Summer menu survey", "Help us pick the summer menu.", JsonDocument.Parse(section ?? Section).RootElement,
            locale, contact, publish);

    /// <summary>
    /// Posts the page's form as a browser would: every field as the page has it (hidden ones, ticked boxes, typed text,
    /// chosen options), with the fields given in place of the page's own values of them, and the button pressed.
    /// </summary>
    public static Task<Page> PressAsync(HttpClient fan, Page page, string button, params (string Name, string Value)[] fields)
    {
        var form = page.Document.QuerySelector("form#survey-form") ?? throw new InvalidOperationException("No survey form on the page:\n" + page.Source);
        var given = fields.Select(f => f.Name).ToHashSet();
        var onPage = form.QuerySelectorAll("input, textarea, select").SelectMany(Values).Where(f => !given.Contains(f.Name));
        return fan.PostFormAsync(form.GetAttribute("action")!, [.. onPage, .. fields, ("ce_nav", button)]);
    }

    private static IEnumerable<(string Name, string Value)> Values(AngleSharp.Dom.IElement control)
    {
        if (control.GetAttribute("name") is not { } name) yield break;
        switch (control.LocalName, control.GetAttribute("type"))
        {
            case ("input", "radio" or "checkbox"):
                if (control.HasAttribute("checked")) yield return (name, control.GetAttribute("value") ?? "on");
                break;
            case ("input", _):
                yield return (name, control.GetAttribute("value") ?? "");
                break;
            case ("textarea", _):
                yield return (name, control.TextContent);
                break;
            case ("select", _):
                yield return (name, control.QuerySelector("option[selected]")?.GetAttribute("value") ?? control.QuerySelector("option")?.GetAttribute("value") ?? "");
                break;
        }
    }

    /// <summary>The page's questions by id, in order.</summary>
    public static IReadOnlyList<string> Questions(Page page) =>
        page.Document.QuerySelectorAll(".question").Select(q => q.Id!["question-".Length..]).ToList();

    public static async Task<JsonElement> ResultsAsync(EngineHost host, string slug)
    {
        using var response = await host.Admin.GetAsync($"/api/campaigns/{slug}/results");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<JsonElement> WaitForResponsesAsync(EngineHost host, string slug, long responses) =>
        Eventually.ReturnsAsync(() => ResultsAsync(host, slug), r => r.GetProperty("responses").GetInt64() == responses,
            because: $"{responses} responses to {slug}");

    public static JsonElement Question(JsonElement results, string id) =>
        results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == id);

    public static Dictionary<string, long> Counts(JsonElement question) =>
        question.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("count").GetInt64());
}
