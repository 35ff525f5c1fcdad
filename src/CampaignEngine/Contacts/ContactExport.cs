using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CsvHelper;

namespace CampaignEngine.Contacts;

/// <summary>
/// A campaign's contacts and its consent ledger as CSV, for the marketer's other tools and for an auditor. Cells a
/// spreadsheet would take for a formula (a name such as <c>=HYPERLINK(…)</c>) are prefixed with an apostrophe.
/// </summary>
public static class ContactExport
{
    // The byte order mark tells Excel the file is UTF-8, so names in Persian or Hebrew stay readable.
    private static readonly CsvWriterOptions CsvOptions = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public static IEndpointRouteBuilder MapContactExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/api/campaigns/{slug}", "Contacts");
        group.MapGet("/contacts.csv", ContactsAsync)
            .WithSummary("The campaign's contacts as CSV: key, email, name, purposes, whether consent to offers holds, when consent was last given and withdrawn")
            .WithDescription("`?purpose=marketing` lists only contacts whose consent to offers holds; `?purpose=campaign` only those given to take part.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        group.MapGet("/consent-ledger.csv", LedgerAsync)
            .WithSummary("The campaign's consent ledger as CSV, for an audit: every grant and withdrawal of consent to offers, oldest first")
            .WithDescription("Each row: when, grant or withdrawal, the contact key (a keyed hash of the email, never the email), the purpose, the " +
                             "SHA-256 of the exact consent text and the text itself (grants), the source (form, api, unsubscribe) and the receipt " +
                             "of the submission it came with. Rows stay after the contact's details are deleted.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    private static async Task<IResult> ContactsAsync(string slug, string? purpose, HttpContext http, CampaignStore campaigns, ContactStore contacts, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (purpose is not null && !ContactPurposes.IsKnown(purpose))
            return Problems.Validation(new() { ["purpose"] = [$"Use '{ContactPurposes.Campaign}' or '{ContactPurposes.Marketing}'."] });
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");
        var rows = await contacts.GetContactsAsync(slug, purpose, ct);
        Headers(http, $"{slug}-contacts.csv");
        await using var csv = CsvWriter.Create(http.Response.Body, CsvOptions, leaveOpen: true);
        csv.WriteHeader(["key", "email", "name", "purposes", "marketing_consent", "updated_at", "consent_given_at", "consent_withdrawn_at"]);
        foreach (var c in rows)
        {
            csv.WriteField(c.Key);
            csv.WriteField(c.Email);
            csv.WriteField(c.Name ?? "");
            csv.WriteField(string.Join(' ', c.Purposes));
            csv.WriteField(c.MarketingConsent ? "yes" : "no");
            csv.WriteField(Time(c.UpdatedAt));
            csv.WriteField(Time(c.Consents.Count > 0 ? c.Consents[^1].GivenAt : null));
            csv.WriteField(Time(c.Withdrawals.Count > 0 ? c.Withdrawals[^1].WithdrawnAt : null));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return TypedResults.Empty;
    }

    private static async Task<IResult> LedgerAsync(string slug, HttpContext http, CampaignStore campaigns, ContactStore contacts, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await campaigns.FindCampaignAsync(slug, ct) is null) return Problems.NotFound($"No campaign '{slug}'.");
        var events = await contacts.LedgerAsync(slug, ct);
        Headers(http, $"{slug}-consent-ledger.csv");
        await using var csv = CsvWriter.Create(http.Response.Body, CsvOptions, leaveOpen: true);
        csv.WriteHeader(["at", "event", "contact_key", "purpose", "consent_text_sha256", "consent_text", "source", "receipt"]);
        foreach (var e in events)
        {
            csv.WriteField(Time(e.At));
            csv.WriteField(e.Event);
            csv.WriteField(e.ContactKey);
            csv.WriteField(e.Purpose);
            csv.WriteField(e.ConsentTextSha256 ?? "");
            csv.WriteField(e.ConsentText ?? "");
            csv.WriteField(e.Source);
            csv.WriteField(e.Receipt ?? "");
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return TypedResults.Empty;
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static void Headers(HttpContext http, string file)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        http.Response.Headers.CacheControl = "private, no-store";
    }
}
