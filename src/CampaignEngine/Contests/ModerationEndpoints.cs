using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Contests;

/// <summary>The marketer's side of a contest: its entries by status, moderation one at a time or in bulk, and the leaderboard.</summary>
public static class ModerationEndpoints
{
    public const int DefaultPage = 100;
    public const int MaxPage = 1000;
    public const int MaxIds = 1000;
    public const int MaxReason = 500;

    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var entries = app.MapAdminGroup("/api/campaigns/{slug}", "Contests").ProducesValidationProblem();
        entries.MapGet("/entries", ListAsync)
            .WithSummary("A contest's entries with one status (pending by default), a page at a time, each with its votes")
            .WithDescription("Pass the `continuationToken` of one answer to get the next page. Votes are as of the contest's board " +
                             "(a few seconds old at most), exact once the submissions queue has drained.");
        entries.MapPost("/entries/moderate", ModerateAsync)
            .Accepts<ModerationRequest>("application/json")
            .WithSummary("Approve, reject, feature, unfeature or delete entries, by id (up to 1,000 per call)")
            .WithDescription("Approved entries show in the gallery and take votes; rejected and pending ones do not. An approved entry " +
                             "with as many fans' flags as the contest's flagThreshold is hidden (status=flagged lists them) until it is " +
                             "approved again, which clears the flags so far. A deleted entry " +
                             "loses its title and caption for good; votes it had stay counted in the contest's total. Ids of no entry " +
                             "of this contest are listed in `notFound`.");
        entries.MapGet("/entries/{entryId}/photo/{file}", EntryPhotoEndpoints.ModeratorAsync)
            .WithSummary("A rendition of an entry's photo, whatever the entry's status (the moderators' view)")
            .Produces(StatusCodes.Status200OK, contentType: "image/webp")
            .ProducesProblem(StatusCodes.Status404NotFound);
        entries.MapGet("/entries.csv", EntryExport.CsvAsync)
            .WithSummary("Every entry of a contest as CSV (status, votes, rank, flags, times, page address), formula cells neutralized")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        entries.MapPost("/winners", ComputeWinnersAsync)
            .WithSummary("Compute a contest's winners by its rule, once voting has closed and every vote is counted")
            .WithDescription("The first `winners.count` entries of the gallery by the contest's rule. `votes`: most votes. `jury`: the " +
                             "jurors' mean score (0 to 10; each juror's score is their mean over the criteria); only entries a juror " +
                             "scored can win. `blend`: publicWeight × the public score (10 × votes over the leader's votes) + the rest × " +
                             "the jury's score. Equal scores share a rank; the entry entered first is listed first. 409 while voting is " +
                             "open, while votes are still being counted (with Retry-After), or when the rule needs jurors' scores and " +
                             "none are given yet. Computing again replaces the list.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        entries.MapGet("/winners", GetWinnersAsync)
            .WithSummary("A contest's winners, once computed");
        entries.MapGet("/moderation", SummaryAsync)
            .WithSummary("A contest's moderation at a glance: entries by status, fans' flags, entries they hid, page views, flags per 1,000 views")
            .WithDescription("Views are the gallery and entry pages the engine served (pages a CDN serves from its cache are not " +
                             "counted), stored every 15 s by each instance; flags per 1,000 views is the community's self-moderation figure.");
        entries.MapGet("/leaderboard", LeaderboardAsync)
            .WithSummary("The approved entries by votes, most first (ties share a rank)");
        return app;
    }

    private static async Task<Results<Ok<EntryPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string slug,
        [Description("pending (default), approved, rejected, deleted, or flagged: approved entries the fans' flags have hidden.")] string? status,
        [Description("Items per page, 1 to 1000 (default 100).")] int? limit,
        [Description("From the previous page's answer.")] string? continuationToken,
        CampaignStore campaigns, EntryStore store, ContestBoards boards, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var errors = new Dictionary<string, string[]>();
        status ??= EntryStatus.Pending;
        if (!EntryStatus.Listed.Contains(status)) errors["status"] = [$"Use one of: {string.Join(", ", EntryStatus.Listed)}."];
        if (limit is < 1 or > MaxPage) errors["limit"] = [$"Between 1 and {MaxPage}."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");
        var board = await boards.GetAsync(contest, ct);
        if (status == EntryStatus.Flagged)
        {
            // Hidden by flags is the board's finding, not a stored status: paged by position in the board's list.
            var skip = int.TryParse(continuationToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : 0;
            var flagged = board.FlaggedOut.Skip(skip).Take(limit ?? DefaultPage).Select(b => EntryResponse.Of(slug, b.Entry, b)).ToList();
            var more = skip + flagged.Count < board.FlaggedOut.Count;
            return TypedResults.Ok(new EntryPage(flagged, more ? (skip + flagged.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
        }
        try
        {
            var (items, next) = await store.ListAsync(slug, status, limit ?? DefaultPage, continuationToken, ct);
            return TypedResults.Ok(new EntryPage(items.Select(e => EntryResponse.Of(slug, e, board.Find(e.Id))).ToList(), next));
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 400)
        {
            return Problems.Validation(new() { ["continuationToken"] = ["Not a token this list returned; start again without one."] });
        }
    }

    private static async Task<Results<Ok<ModerationSummary>, ProblemHttpResult>> SummaryAsync(
        string slug, CampaignStore campaigns, ContestBoards boards, ContestViews views, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");
        var board = await boards.GetAsync(contest, ct);
        var viewed = await views.ReadAsync(slug, ct);
        return TypedResults.Ok(new ModerationSummary(
            EntryStatus.Listed.Where(s => s != EntryStatus.Flagged).ToDictionary(s => s, s => board.ByStatus.GetValueOrDefault(s)),
            board.Flags, board.FlaggedOut.Count, viewed, viewed == 0 ? null : Math.Round(1000.0 * board.Flags / viewed, 2), board.AsOf));
    }

    private static async Task<Results<Ok<LeaderboardPage>, ValidationProblem, ProblemHttpResult>> LeaderboardAsync(
        string slug,
        [Description("Items per page, 1 to 1000 (default 100).")] int? limit,
        [Description("How many to skip (default 0).")] int? offset,
        CampaignStore campaigns, ContestBoards boards, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxPage) errors["limit"] = [$"Between 1 and {MaxPage}."];
        if (offset is < 0) errors["offset"] = ["At least 0."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");
        var board = await boards.GetAsync(contest, ct);
        var page = board.ByVotes.Skip(offset ?? 0).Take(limit ?? DefaultPage).Select(b => EntryResponse.Of(slug, b.Entry, b)).ToList();
        return TypedResults.Ok(new LeaderboardPage(page, board.ByVotes.Count, board.Votes, board.AsOf));
    }

    private static async Task<Results<Ok<ModerationResult>, ValidationProblem, ProblemHttpResult>> ModerateAsync(
        string slug, HttpRequest request, CampaignStore campaigns, EntryStore store, ContestBoards boards, TimeProvider time, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var (body, problem) = await JsonBody.ReadAsync<ModerationRequest>(request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;

        var errors = new Dictionary<string, string[]>();
        var action = ModerationActions.Find(body!.Action);
        if (action is null) errors["action"] = [$"Use one of: {string.Join(", ", ModerationActions.Names)}."];
        if (body.Ids is not { Count: > 0 }) errors["ids"] = ["Name at least one entry."];
        else if (body.Ids.Count > MaxIds) errors["ids"] = [$"At most {MaxIds} ids per call."];
        if (body.Reason is { Length: > MaxReason }) errors["reason"] = [$"At most {MaxReason} characters."];
        if (body.Reason is not null && body.Action != ModerationActions.Reject) errors["reason"] = ["A reason goes with reject only."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");

        var now = time.GetUtcNow();
        var board = await boards.GetAsync(contest, ct);
        var notFound = new List<string>();
        var changed = 0;
        foreach (var chunk in body.Ids!.Distinct(StringComparer.Ordinal).Chunk(16))
        {
            var done = await Task.WhenAll(chunk.Select(async id =>
                EntryKeys.IsId(id) && await store.ChangeAsync(slug, id, row => action!(row, new ModerationContext(body.Reason?.Trim(), now, board.Find(id)?.Flags ?? 0)), ct)));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (done[i]) changed++;
                else notFound.Add(chunk[i]);
            }
        }
        boards.MarkStale(slug);
        return TypedResults.Ok(new ModerationResult(changed, notFound));
    }

    private static async Task<Results<Ok<WinnerList>, ProblemHttpResult>> ComputeWinnersAsync(
        string slug, HttpContext http, CampaignStore campaigns, ContestWinners winners, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");
        var (list, refusal) = await winners.ComputeAsync(contest, ct);
        if (refusal is not null)
        {
            if (refusal.RetryAfter is { } wait) http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: refusal.Status, title: "The winners cannot be computed now.", detail: refusal.Detail);
        }
        return TypedResults.Ok(list!);
    }

    private static async Task<Results<Ok<WinnerList>, ProblemHttpResult>> GetWinnersAsync(
        string slug, CampaignStore campaigns, ContestWinners winners, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await ContestAsync(slug, campaigns, ct) is null) return Problems.NotFound($"No contest '{slug}'.");
        return await winners.GetAsync(slug, ct) is { } list ? TypedResults.Ok(list) : Problems.NotFound("The winners have not been computed yet.");
    }

    private static async Task<Campaign?> ContestAsync(string slug, CampaignStore campaigns, CancellationToken ct) =>
        await campaigns.FindCampaignAsync(slug, ct) is { Campaign: { Kind: "contest" } contest } ? contest : null;
}

/// <summary>What a moderation action knows: the reason given, the time, and the entry's flags so far (from the board).</summary>
public readonly record struct ModerationContext(string? Reason, DateTimeOffset At, long Flags);

/// <summary>What each moderation action does to an entry's row; false when there is nothing to change.</summary>
public static class ModerationActions
{
    public const string Reject = "reject";

    public static IReadOnlyList<string> Names { get; } = ["approve", Reject, "feature", "unfeature", "delete"];

    public static Func<TableEntity, ModerationContext, bool>? Find(string? name) => name switch
    {
        // Approving again clears the flags so far: only new flags can hide the entry once more.
        "approve" => (row, context) => SetStatus(row, EntryStatus.Approved, null, context.At) && SetFlagsSeen(row, context.Flags),
        Reject => (row, context) => SetStatus(row, EntryStatus.Rejected, context.Reason, context.At),
        "feature" => (row, _) => SetFeatured(row, true),
        "unfeature" => (row, _) => SetFeatured(row, false),
        "delete" => (row, context) => Delete(row, context.At),
        _ => null,
    };

    private static bool SetStatus(TableEntity row, string status, string? reason, DateTimeOffset at)
    {
        if (row.GetString("Status") == EntryStatus.Deleted) return false;
        row["Status"] = status;
        row["ModeratedAt"] = at;
        if (reason is not null) row["RejectReason"] = reason;
        else row.Remove("RejectReason");
        return true;
    }

    private static bool SetFlagsSeen(TableEntity row, long flags)
    {
        row["FlagsSeen"] = flags;
        return true;
    }

    private static bool SetFeatured(TableEntity row, bool featured)
    {
        if (row.GetString("Status") == EntryStatus.Deleted || row.GetBoolean("Featured") == featured) return false;
        row["Featured"] = featured;
        return true;
    }

    private static bool Delete(TableEntity row, DateTimeOffset at)
    {
        if (row.GetString("Status") == EntryStatus.Deleted) return false;
        row["Status"] = EntryStatus.Deleted;
        row["Title"] = "";
        row.Remove("Caption");
        row.Remove("RejectReason");
        // Its photo's renditions are no longer served (both photo routes go through the row); the blobs stay, since a
        // content-addressed blob may be another entry's too.
        EntryStore.RemovePhoto(row);
        row["Featured"] = false;
        row["ModeratedAt"] = at;
        return true;
    }
}

[Description("Which entries to moderate and how.")]
public sealed record ModerationRequest
{
    [MaxLength(ModerationEndpoints.MaxIds), Description("Entry ids, as GET /api/campaigns/{slug}/entries lists them.")]
    public List<string>? Ids { get; init; }

    [Description("approve, reject, feature, unfeature or delete.")]
    public string? Action { get; init; }

    [MaxLength(ModerationEndpoints.MaxReason), Description("With reject: why, kept on the entry for the marketer (fans are not shown it).")]
    public string? Reason { get; init; }
}

public sealed record ModerationResult(
    [property: Description("Entries this call changed (or found already as asked).")] int Changed,
    [property: Description("Ids of no entry of this contest.")] IReadOnlyList<string> NotFound);

public sealed record EntryPage(IReadOnlyList<EntryResponse> Items, string? ContinuationToken);

public sealed record LeaderboardPage(
    IReadOnlyList<EntryResponse> Items,
    [property: Description("Approved entries in all.")] int Total,
    [property: Description("Votes on every entry.")] long Votes,
    [property: Description("When the board was read.")] DateTimeOffset AsOf);

public sealed record EntryResponse(
    string Id, string Title, string? Caption, string Status, bool Featured, long Votes,
    [property: Description("Rank among the visible entries by votes; 0 when not shown.")] int Rank,
    [property: Description("Fans' flags in all.")] long Flags,
    [property: Description("Hidden from the gallery by flags since a moderator last approved it (approve again to show it).")] bool FlaggedOut,
    DateTimeOffset SubmittedAt, DateTimeOffset? ModeratedAt, string? RejectReason,
    [property: Description("The entry's photo, when it has one: its state and, once ready, where its renditions are (through the API, whatever the entry's status).")]
    EntryPhotoResponse? Photo = null)
{
    public static EntryResponse Of(string slug, Entry entry, BoardEntry? standing) => new(
        entry.Id, entry.Title, entry.Caption, entry.Status, entry.Featured, standing?.Votes ?? 0, standing?.Rank ?? 0,
        standing?.Flags ?? 0, standing?.FlaggedOut ?? false, entry.SubmittedAt, entry.ModeratedAt, entry.RejectReason,
        entry.Photo is { } photo ? EntryPhotoResponse.Of(photo, $"/api/campaigns/{slug}/entries/{entry.Id}/photo") : null);
}

public sealed record ModerationSummary(
    [property: Description("Entries by stored status: pending, approved, rejected, deleted.")] IReadOnlyDictionary<string, int> Entries,
    [property: Description("Fans' flags on every entry.")] long Flags,
    [property: Description("Approved entries the flags hide until a moderator approves them again (status=flagged lists them).")] int HiddenByFlags,
    [property: Description("Gallery and entry pages served.")] long Views,
    [property: Description("Flags per 1,000 views (2 decimals); null before the first view.")] double? FlagsPerThousandViews,
    [property: Description("When the counts were read (the board, a few seconds old at most).")] DateTimeOffset AsOf);

public sealed record EntryPhotoResponse(
    [property: Description("processing (re-encoding waits in the queue), ready, or failed (the upload could not be re-encoded; the entry stays out of the gallery).")]
    string State,
    [property: Description("The display size, JPEG (PNG when transparent), at most 1,600 px on its longer edge.")] string? Display,
    [property: Description("The display size as WebP.")] string? DisplayWebP,
    [property: Description("The thumbnail, at most 480 px on its longer edge.")] string? Thumbnail,
    [property: Description("The thumbnail as WebP.")] string? ThumbnailWebP,
    int Width, int Height)
{
    public static EntryPhotoResponse Of(EntryPhoto photo, string under) => new(
        photo.State, Url(under, photo.Display), Url(under, photo.DisplayWebP), Url(under, photo.Thumbnail), Url(under, photo.ThumbnailWebP),
        photo.Width, photo.Height);

    /// <summary>The URL of a rendition under <paramref name="under"/>: its file name, the last segment of its blob path.</summary>
    public static string? Url(string under, string? path) => path is null ? null : under + "/" + path[(path.LastIndexOf('/') + 1)..];
}
