using System.Globalization;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contests.Jury;
using CsvHelper;

namespace CampaignEngine.Contests;

/// <summary>
/// A contest's entries as CSV for the marketer's spreadsheet: every entry whatever its status, with its votes, flags,
/// page address and, for a contest with a jury, its jury score. Written row by row to the response; cells a spreadsheet would take for a formula (starting
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) are prefixed with an apostrophe.
/// </summary>
public static class EntryExport
{
    public static readonly string[] Header =
        ["id", "status", "title", "caption", "featured", "votes", "rank", "flags", "hidden_by_flags", "submitted_at", "moderated_at", "reject_reason", "url", "image_url", "jury_score", "jury_count"];

    // The byte order mark tells Excel the file is UTF-8 (a title in Persian or Hebrew stays readable).
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public static async Task<IResult> CsvAsync(
        string slug, HttpContext http, CampaignStore campaigns, EntryStore store, ContestBoards boards, ContestJury jury, PublicUrls urls,
        CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await campaigns.FindCampaignAsync(slug, ct) is not { Campaign: { Kind: "contest" } contest }) return Problems.NotFound($"No contest '{slug}'.");
        var board = await boards.GetAsync(contest, ct);
        var (standings, _) = await jury.StandingsAsync(contest, ct);
        var page = urls.For(http.Request, slug).Page;

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-entries.csv\"";
        http.Response.Headers.CacheControl = "private, no-store";
        await using var csv = CsvWriter.Create(http.Response.Body, Options, leaveOpen: true);
        csv.WriteHeader(Header);
        // Straight from the table, so an entry the board has not read yet is in the file too.
        await foreach (var entry in store.ChangedSinceAsync(slug, null, ct))
        {
            var standing = board.Find(entry.Id);
            csv.WriteField(entry.Id);
            csv.WriteField(entry.Status);
            csv.WriteField(entry.Title);
            csv.WriteField(entry.Caption ?? "");
            csv.WriteField(entry.Featured ? "yes" : "no");
            csv.WriteField((standing?.Votes ?? 0).ToString(CultureInfo.InvariantCulture));
            csv.WriteField(standing is { Rank: > 0 } ranked ? ranked.Rank.ToString(CultureInfo.InvariantCulture) : "");
            csv.WriteField((standing?.Flags ?? 0).ToString(CultureInfo.InvariantCulture));
            csv.WriteField(standing?.FlaggedOut == true ? "yes" : "no");
            csv.WriteField(entry.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(entry.ModeratedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(entry.RejectReason ?? "");
            csv.WriteField(entry.Status == EntryStatus.Deleted ? "" : page + "/entries/" + entry.Id);
            csv.WriteField(entry.Photo is { Ready: true } photo ? EntryPhotoResponse.Url(page + "/entries/" + entry.Id + "/photo", photo.Display) : "");
            JuryStanding? judged = standings.TryGetValue(entry.Id, out var found) ? found : null;
            csv.WriteField(judged is { } j ? Math.Round(j.Score, 2).ToString("0.##", CultureInfo.InvariantCulture) : "");
            csv.WriteField((judged?.Jurors ?? 0).ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return TypedResults.Empty;
    }
}
