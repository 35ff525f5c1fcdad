using System.Net;
using System.Net.Http.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static CampaignEngine.IntegrationTests.Surveys.Surveys;

namespace CampaignEngine.IntegrationTests.Surveys;

/// <summary>The responses export read back with real parsers (CsvHelper, the Open XML SDK): a row per response, a column per answer.</summary>
public sealed class ResponseExportTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private static readonly string[] Header =
    [
        "response", "submitted_at", "status", "dish", "dish.other", "nps", "name-it", "why", "visits", "grid.taste", "grid.price", "order.soup", "order.salad",
        "hidden.source",
    ];

    private async Task<string> AnsweredSurveyAsync()
    {
        var slug = await CreateAsync(Host, "export", Section.Replace("\"pages\": [", "\"hiddenFields\": [ \"source\" ], \"pages\": ["));
        using var api = Host.CreateClient(cookies: false, browserHeaders: false);
        foreach (var body in new object[]
        {
            new { answers = new Dictionary<string, object> { ["dish"] = "other", ["dish.other"] = "=HYPERLINK(\"http://evil.example\")", ["nps"] = 9, ["why"] = "Line one,\nline \"two\"",
                ["visits"] = 2.5, ["grid"] = new { taste = "good" }, ["order"] = new[] { "salad", "soup" } }, hidden = new { source = "instagram" } },
            new { answers = new Dictionary<string, object> { ["dish"] = "ceviche", ["nps"] = 1, ["name-it"] = "سوپ سرد" } },
        })
        {
            using var sent = await api.PostAsJsonAsync($"/c/{slug}/responses", body);
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }
        await WaitForResponsesAsync(Host, slug, 2);
        return slug;
    }

    [Fact]
    public async Task TheCsvHasARowPerResponseAColumnPerAnswerAndNoCellASpreadsheetWouldRun()
    {
        var slug = await AnsweredSurveyAsync();

        using var response = await Host.Admin.GetAsync($"/api/campaigns/{slug}/responses.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{slug}-responses.csv", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = CsvReader.Create(bytes[3..], new CsvReaderOptions());
        var rows = new List<string[]>();
        foreach (var row in reader) rows.Add(row.ToArray());

        Assert.Equal(Header, reader.Headers);
        var first = rows.Single(r => r[3] == "other");
        Assert.Equal(("'=HYPERLINK(\"http://evil.example\")", "9", "Line one,\nline \"two\"", "2.5", "good", "", "2", "1", "instagram"),
            (first[4], first[5], first[7], first[8], first[9], first[10], first[11], first[12], first[13]));
        Assert.Equal("counted", first[2]);
        var second = rows.Single(r => r[3] == "ceviche");
        Assert.Equal(("1", "سوپ سرد", "", ""), (second[5], second[6], second[8], second[13]));
    }

    [Fact]
    public async Task TheWorkbookHoldsTheSameRowsWithNumbersAsNumbers()
    {
        var slug = await AnsweredSurveyAsync();

        using var response = await Host.Admin.GetAsync($"/api/campaigns/{slug}/responses.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();

        Assert.Equal(Header, rows[0].Select(c => c.InnerText));
        Assert.Equal(3, rows.Count);
        var first = rows.Skip(1).Single(r => r[3].InnerText == "other");
        Assert.Equal("=HYPERLINK(\"http://evil.example\")", first[4].InnerText);
        Assert.Null(first[4].CellFormula);
        Assert.Equal(CellValues.Number, first[5].DataType!.Value);
        Assert.Equal("9", first[5].CellValue!.Text);
        Assert.Equal("2.5", first[8].CellValue!.Text);
        Assert.Equal("instagram", first[13].InnerText);
    }

    [Fact]
    public async Task TheExportsNeedTheAdminKeyAndASurvey()
    {
        var slug = await CreateAsync(Host, "export-auth");
        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/campaigns/{slug}/responses.csv")).StatusCode);
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("not-a-survey"));
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/campaigns/{poll.Slug}/responses.xlsx")).StatusCode);
    }
}
