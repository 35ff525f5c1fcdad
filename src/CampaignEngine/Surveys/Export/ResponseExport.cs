using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CampaignEngine.Surveys.Export;

/// <summary>
/// Every response of a survey, one row each, as CSV (written row by row to the response; cells a spreadsheet would take
/// for a formula are prefixed with an apostrophe) or as XLSX (written row by row with the Open XML SDK's forward-only
/// writer to a temporary file, since a zip package is not written to a network stream, then sent; its cells are text or
/// numbers, never formulas, so nothing in them runs).
/// </summary>
public static class ResponseExport
{
    // The byte order mark tells Excel the file is UTF-8, so answers in Persian or Hebrew stay readable.
    private static readonly CsvWriterOptions CsvOptions = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public static IEndpointRouteBuilder MapSurveyExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/api/campaigns/{slug}", "Surveys");
        group.MapGet("/responses.csv", CsvAsync)
            .WithSummary("Every response of a survey as CSV: one row per response, one column per question and hidden field, formula cells neutralized")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        group.MapGet("/responses.xlsx", XlsxAsync)
            .WithSummary("Every response of a survey as an Excel workbook: one row per response, one column per question and hidden field")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType);
        return app;
    }

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<IResult> CsvAsync(string slug, HttpContext http, CampaignStore campaigns, StoredResponses responses, CancellationToken ct)
    {
        if (await FindAsync(slug, campaigns, ct) is not { } found) return Missing(slug);
        var (campaign, columns) = found;
        Headers(http, slug, "text/csv; charset=utf-8", "csv");
        await using var csv = CsvWriter.Create(http.Response.Body, CsvOptions, leaveOpen: true);
        csv.WriteHeader(columns.Select(c => c.Header).ToArray());
        await foreach (var response in responses.ReadAsync(campaign, ct))
        {
            foreach (var column in columns) csv.WriteField(column.Value(response));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return TypedResults.Empty;
    }

    private static async Task<IResult> XlsxAsync(string slug, HttpContext http, CampaignStore campaigns, StoredResponses responses, CancellationToken ct)
    {
        if (await FindAsync(slug, campaigns, ct) is not { } found) return Missing(slug);
        var (campaign, columns) = found;
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, columns.Select(c => (c.Header, false)));
                await foreach (var response in responses.ReadAsync(campaign, ct)) WriteRow(writer, columns.Select(c => (c.Value(response), c.IsNumber)));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Responses" }));
        }
        Headers(http, slug, XlsxType, "xlsx");
        http.Response.ContentLength = file.Length;
        file.Position = 0;
        await file.CopyToAsync(http.Response.Body, ct);
        return TypedResults.Empty;
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<(string Value, bool IsNumber)> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var (value, isNumber) in cells)
        {
            writer.WriteElement(isNumber && value.Length > 0
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(value) }
                : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }) });
        }
        writer.WriteEndElement();
    }

    private static async Task<(Campaign Campaign, IReadOnlyList<ResponseColumn> Columns)?> FindAsync(string slug, CampaignStore campaigns, CancellationToken ct) =>
        Slug.IsValid(slug) && await campaigns.FindCampaignAsync(slug, ct) is { Campaign: { Kind: "survey" } survey }
            ? (survey, ResponseColumns.For(survey.SettingsAs<SurveySettings>()))
            : null;

    private static IResult Missing(string slug) => Slug.IsValid(slug) ? Problems.NotFound($"No survey '{slug}'.") : Problems.BadSlug(slug);

    private static void Headers(HttpContext http, string slug, string type, string extension)
    {
        http.Response.ContentType = type;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-responses.{extension}\"";
        http.Response.Headers.CacheControl = "private, no-store";
    }
}
