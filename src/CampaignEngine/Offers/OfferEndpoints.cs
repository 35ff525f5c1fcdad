using System.Text;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Offers;

public static class OfferEndpoints
{
    /// <summary>An upload of 100,000 codes of 64 characters with their line breaks and a little more.</summary>
    public const long MaxUploadBytes = 8 * 1024 * 1024;
    private const int ReportedSkips = 100;

    public static IEndpointRouteBuilder MapOffersApi(this IEndpointRouteBuilder app)
    {
        var offer = app.MapAdminGroup("/api/campaigns/{slug}/offer", "Offers");
        offer.MapGet("/", GetAsync).WithSummary("The campaign's follow-up offer and its pool of codes: left, given, found empty, redeemed");
        offer.MapPut("/", PutAsync)
            .Accepts<OfferRequest>("application/json")
            .WithSummary("Set the campaign's follow-up offer: its mail, when it goes out, until when codes are good, the staff PIN")
            .WithDescription("Each contact who consents to offers gets exactly one code of the pool, by mail and on the thank-you page; " +
                             "when the pool is empty they are told so kindly. Links in the mail point at PublicBaseUrl, or at the origin " +
                             "this request came through.")
            .ProducesValidationProblem();
        offer.MapPost("/codes", UploadAsync)
            .Accepts<UploadCodesRequest>("application/json", "text/plain", "text/csv")
            .WithMetadata(new BodyLimit(MaxUploadBytes))
            .WithSummary("Add codes to the pool: a JSON list, or text/plain or text/csv with one code per line (a CSV's first column; a 'code' header is skipped)")
            .WithDescription($"All or nothing. Spaces around codes are trimmed; blank lines, repeats and codes the pool has had are left out and " +
                             $"reported. A code longer than {CodeList.MaxLength} characters, with characters outside printable ASCII or / \\ # ?, or " +
                             $"starting with = + - @ refuses the whole upload (400, by line). At most {CodeList.MaxCodes} codes (413 beyond).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        offer.MapPost("/codes/generate", GenerateAsync)
            .Accepts<GenerateCodesRequest>("application/json")
            .WithSummary("Make codes of a pattern from a cryptographic random source and add them to the pool")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> GetAsync(
        string slug, CampaignStore campaigns, OfferStore offers, CodePool pool, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");
        if (await offers.GetAsync(slug, ct) is not { } offer) return NoOffer(slug);
        return TypedResults.Ok(OfferResponse.Of(offer, await pool.StatsAsync(slug, ct)));
    }

    private static async Task<Results<Ok<OfferResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string slug, HttpRequest request, CampaignStore campaigns, OfferStore offers, CodePool pool, PublicUrls urls, TimeProvider time,
        CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var (body, problem) = await JsonBody.ReadAsync<OfferRequest>(request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");

        var current = await offers.GetAsync(slug, ct);
        var now = time.GetUtcNow();
        var errors = OfferValidator.Check(body!, current?.StaffPinHash is not null, now);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var offer = new Offer(body!.Subject!.Trim(), body.Message!, body.SendWhen ?? OfferSendWhen.AfterTakingPart, body.ExpiresAt,
            body.StaffPin is { } pin ? StaffPin.Hash(pin) : current!.StaffPinHash, urls.Base(request), now, current?.SentAt);
        await offers.SetAsync(slug, offer, ct);
        return TypedResults.Ok(OfferResponse.Of(offer, await pool.StatsAsync(slug, ct)));
    }

    private static async Task<Results<Ok<CodeImportReport>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        string slug, HttpRequest request, CampaignStore campaigns, OfferStore offers, CodePool pool, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        IReadOnlyList<string?> lines;
        if (request.HasJsonContentType())
        {
            var (body, problem) = await JsonBody.ReadAsync<UploadCodesRequest>(request, ct);
            if (problem is ValidationProblem invalid) return invalid;
            if (problem is ProblemHttpResult other) return other;
            if (body!.Codes is null) return Problems.Validation(new() { ["codes"] = ["Give the codes as a list of strings."] });
            lines = body.Codes;
        }
        else if (MediaTypeOf(request) is "text/plain" or "text/csv" && CharsetIsUtf8(request))
        {
            string text;
            try
            {
                text = await new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true)).ReadToEndAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                return Problems.Validation(new() { ["body"] = ["The list is not valid UTF-8: save it as UTF-8 and send it again."] });
            }
            lines = MediaTypeOf(request) == "text/csv" ? FirstColumn(text) : text.ReplaceLineEndings("\n").Split('\n');
        }
        else
        {
            return Problems.UnsupportedMediaType("Send the codes as application/json, text/plain or text/csv, in UTF-8.");
        }

        var cleaned = CodeList.Clean(lines);
        if (cleaned.Problems.Count > 0)
        {
            return Problems.Validation(cleaned.Problems.Take(ReportedSkips)
                .ToDictionary(p => $"line {p.Line}", p => new[] { p.Reason }));
        }
        if (cleaned.Codes.Count > CodeList.MaxCodes) return TooMany();
        if (await FindOfferAsync(slug, campaigns, offers, ct) is { } missing) return missing;

        var imported = await pool.ImportAsync(slug, cleaned.Codes, "upload", ct);
        var skipped = cleaned.Repeats.Select(r => new SkippedCode(r.Line, null, r.Reason))
            .Concat(imported.AlreadyInPool.Select(code => new SkippedCode(null, code, "The pool has had this code before.")));
        return TypedResults.Ok(new CodeImportReport(imported.Imported, cleaned.BlankLines, cleaned.Repeats.Count, imported.AlreadyInPool.Count,
            skipped.Take(ReportedSkips).ToList(), await pool.StatsAsync(slug, ct)));
    }

    private static async Task<Results<Ok<CodeImportReport>, ValidationProblem, ProblemHttpResult>> GenerateAsync(
        string slug, HttpRequest request, CampaignStore campaigns, OfferStore offers, CodePool pool, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var (body, problem) = await JsonBody.ReadAsync<GenerateCodesRequest>(request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;
        var errors = new Dictionary<string, string[]>();
        if (body!.Count is not (>= 1 and <= CodePattern.MaxCount)) errors["count"] = [$"Between 1 and {CodePattern.MaxCount}."];
        else if (CodePattern.Problem(body.Pattern, body.Count.Value) is { } bad) errors["pattern"] = [bad];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await FindOfferAsync(slug, campaigns, offers, ct) is { } missing) return missing;

        var imported = await pool.ImportAsync(slug, CodePattern.Generate(body.Pattern!, body.Count!.Value), "generated", ct);
        return TypedResults.Ok(new CodeImportReport(imported.Imported, 0, 0, imported.AlreadyInPool.Count,
            imported.AlreadyInPool.Take(ReportedSkips).Select(code => new SkippedCode(null, code, "The pool has had this code before.")).ToList(),
            await pool.StatsAsync(slug, ct)));
    }

    private static async Task<ProblemHttpResult?> FindOfferAsync(string slug, CampaignStore campaigns, OfferStore offers, CancellationToken ct)
    {
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");
        return await offers.GetAsync(slug, ct) is null ? NoOffer(slug) : null;
    }

    private static ProblemHttpResult NoOffer(string slug) =>
        Problems.NotFound($"Campaign '{slug}' has no offer yet: set one with PUT /api/campaigns/{slug}/offer.");

    private static ProblemHttpResult TooMany() =>
        TypedResults.Problem($"At most {CodeList.MaxCodes} codes per upload; nothing was imported. Split the list.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many codes");

    private static string? MediaTypeOf(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value?.ToLowerInvariant() : null;

    private static bool CharsetIsUtf8(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.Charset.Value is null || type.Charset.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The first cell of each CSV row (a header cell "code" skipped), so line numbers match the file's rows.</summary>
    private static List<string?> FirstColumn(string text)
    {
        var cells = new List<string?>();
        var options = new CsvReaderOptions
        {
            HasHeader = false, SkipEmptyLines = false, FieldCountMismatch = CsvFieldCountHandling.Allow, MalformedData = CsvMalformedDataHandling.Recover,
        };
        using var csv = CsvReader.FromText(text, options);
        foreach (var row in csv)
        {
            var cell = row.ToArray() is { Length: > 0 } record ? record[0] : null;
            if (cells.Count == 0 && string.Equals(cell?.Trim(), "code", StringComparison.OrdinalIgnoreCase)) cell = null;
            cells.Add(cell);
        }
        return cells;
    }
}
