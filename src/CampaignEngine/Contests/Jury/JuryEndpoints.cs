using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Contests.Jury;

/// <summary>
/// The jury of a contest whose winners are chosen by the jury or a blend: the marketer adds and removes jurors (each gets
/// a key scoped to judging this contest), and jurors list the gallery's entries and score each 0 to 10 per criterion.
/// </summary>
public static class JuryEndpoints
{
    public const int DefaultPage = 50;
    public const int MaxPage = 200;

    public static IEndpointRouteBuilder MapJuryApi(this IEndpointRouteBuilder app)
    {
        var panel = app.MapAdminGroup("/api/campaigns/{slug}/jurors", "Contests");
        panel.MapPost("", AddAsync)
            .Accepts<JurorRequest>("application/json")
            .WithSummary("Add a juror to a contest judged by its jury (or a blend); the answer holds the juror's key, shown this once")
            .WithDescription("The key works only for this contest's jurors' API (`/api/campaigns/{slug}/jury/...`); the engine keeps " +
                             "only its hash. Give it to the juror; to replace a lost key, remove the juror and add them again.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        panel.MapGet("", ListAsync)
            .WithSummary("A contest's jurors, each with how many of the gallery's entries they have scored");
        panel.MapDelete("/{jurorId}", RemoveAsync)
            .WithSummary("Remove a juror: their key stops working at once and their scores stop counting");

        var jury = app.MapGroup("/api/campaigns/{slug}/jury")
            .WithTags("Jury")
            .AddEndpointFilter<JurorKeyFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        jury.MapGet("/entries", EntriesAsync)
            .WithSummary("For a juror: the gallery's entries in the order they were entered, a page at a time, with the scores this juror gave")
            .WithDescription("Votes are not shown, so the jury judges on its own. Send the juror key as the bearer token.")
            .ProducesValidationProblem();
        jury.MapPut("/entries/{entryId}/scores", ScoreAsync)
            .Accepts<ScoreRequest>("application/json")
            .WithSummary("For a juror: score an entry 0 to 10 on each of the contest's criteria (again to change the scores)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<JurorCreated>, ValidationProblem, ProblemHttpResult>> AddAsync(
        string slug, HttpRequest request, CampaignStore campaigns, JurorStore jurors, TimeProvider time, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var (body, problem) = await JsonBody.ReadAsync<JurorRequest>(request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;
        var name = body!.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return Problems.Validation(new() { ["name"] = ["Give the juror's name, as the marketer knows them."] });
        if (name.Length > JurorStore.MaxName) return Problems.Validation(new() { ["name"] = [$"At most {JurorStore.MaxName} characters."] });
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");
        if (contest.SettingsAs<ContestSettings>().Winners.Basis == WinnerBasis.Votes)
        {
            return Problems.Conflict("This contest's winners are chosen by votes alone, so it has no jury; choose the 'jury' or 'blend' basis first.");
        }
        if ((await jurors.ListAsync(slug, ct)).Count >= JurorStore.MaxJurors)
        {
            return Problems.Conflict($"A contest has at most {JurorStore.MaxJurors} jurors; remove one first.");
        }
        var (juror, key) = await jurors.AddAsync(slug, name, time.GetUtcNow(), ct);
        return TypedResults.Created($"/api/campaigns/{slug}/jurors/{juror.Id}", new JurorCreated(juror.Id, juror.Name, juror.AddedAt, key));
    }

    private static async Task<Results<Ok<JurorList>, ProblemHttpResult>> ListAsync(
        string slug, CampaignStore campaigns, JurorStore jurors, JuryScoreStore scores, ContestBoards boards, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");
        var board = await boards.GetAsync(contest, ct);
        var scored = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var card in scores.AllAsync(slug, ct))
        {
            if (board.Find(card.EntryId) is { Visible: true }) scored[card.JurorId] = scored.GetValueOrDefault(card.JurorId) + 1;
        }
        var panel = await jurors.ListAsync(slug, ct);
        return TypedResults.Ok(new JurorList(panel.Select(j => new JurorResponse(j.Id, j.Name, j.AddedAt, scored.GetValueOrDefault(j.Id))).ToList(),
            board.ByVotes.Count));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string slug, string jurorId, CampaignStore campaigns, JurorStore jurors, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        if (await ContestAsync(slug, campaigns, ct) is null) return Problems.NotFound($"No contest '{slug}'.");
        return jurorId.Length <= 32 && await jurors.RemoveAsync(slug, jurorId, ct) ? TypedResults.NoContent() : Problems.NotFound($"No juror '{jurorId}'.");
    }

    private static async Task<Results<Ok<JuryEntryPage>, ValidationProblem, ProblemHttpResult>> EntriesAsync(
        string slug, HttpContext http,
        [Description("Items per page, 1 to 200 (default 50).")] int? limit,
        [Description("How many to skip (default 0).")] int? offset,
        [Description("true: only the entries this juror has not scored yet.")] bool? unscored,
        CampaignStore campaigns, ContestBoards boards, JuryScoreStore scores, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxPage) errors["limit"] = [$"Between 1 and {MaxPage}."];
        if (offset is < 0) errors["offset"] = ["At least 0."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");
        var juror = JurorKeyFilter.Current(http);
        var board = await boards.GetAsync(contest, ct);
        var mine = await scores.OfJurorAsync(slug, juror.Id, ct);
        // Entered first, first: an entry approved later joins the end, so the pages already seen do not shift.
        var entries = board.Newest.Reverse().Where(b => unscored != true || !mine.ContainsKey(b.Entry.Id)).ToList();
        var page = entries.Skip(offset ?? 0).Take(limit ?? DefaultPage).Select(b => JuryEntry.Of(slug, b.Entry, mine.GetValueOrDefault(b.Entry.Id))).ToList();
        var criteria = contest.SettingsAs<ContestSettings>().Criteria;
        return TypedResults.Ok(new JuryEntryPage(juror.Name, criteria, page, entries.Count, board.Newest.Count(b => mine.ContainsKey(b.Entry.Id))));
    }

    private static async Task<Results<Ok<Scorecard>, ValidationProblem, ProblemHttpResult>> ScoreAsync(
        string slug, string entryId, HttpContext http, CampaignStore campaigns, ContestBoards boards, JuryScoreStore scores, TimeProvider time,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ScoreRequest>(http.Request, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult other) return other;
        if (await ContestAsync(slug, campaigns, ct) is not { } contest) return Problems.NotFound($"No contest '{slug}'.");
        var criteria = contest.SettingsAs<ContestSettings>().Criteria;
        var errors = ScoreRules.Check(body!.Scores, criteria);
        if (errors.Count > 0) return Problems.Validation(errors);
        if (!EntryKeys.IsId(entryId) || await boards.FindAsync(contest, entryId, ct) is not { Visible: true })
        {
            return Problems.NotFound("No entry with this id is in the contest's gallery (jurors score approved entries).");
        }
        var card = new Scorecard(JurorKeyFilter.Current(http).Id, entryId,
            criteria.ToDictionary(c => c.Id, c => body.Scores![c.Id]!.Value, StringComparer.Ordinal), time.GetUtcNow());
        await scores.PutAsync(slug, card, ct);
        return TypedResults.Ok(card);
    }

    private static async Task<Campaign?> ContestAsync(string slug, CampaignStore campaigns, CancellationToken ct) =>
        await campaigns.FindCampaignAsync(slug, ct) is { Campaign: { Kind: "contest" } contest } ? contest : null;
}

/// <summary>What a scorecard must hold: a whole number 0 to 10 for every criterion of the contest, and nothing else.</summary>
public static class ScoreRules
{
    public const int Max = 10;

    public static Dictionary<string, string[]> Check(IReadOnlyDictionary<string, int?>? scores, IReadOnlyList<JuryCriterion> criteria)
    {
        var errors = new Dictionary<string, string[]>();
        if (criteria.Count == 0)
        {
            errors["scores"] = ["This contest has no criteria to score on (its winners are chosen by votes)."];
            return errors;
        }
        if (scores is null)
        {
            errors["scores"] = [$"Give a score for each criterion: {string.Join(", ", criteria.Select(c => c.Id))}."];
            return errors;
        }
        foreach (var criterion in criteria)
        {
            if (!scores.TryGetValue(criterion.Id, out var score) || score is null) errors[$"scores.{criterion.Id}"] = [$"Score '{criterion.Label}', 0 to {Max}."];
            else if (score is < 0 or > Max) errors[$"scores.{criterion.Id}"] = [$"A whole number from 0 to {Max}."];
        }
        foreach (var id in scores.Keys.Where(k => criteria.All(c => c.Id != k)))
        {
            errors[$"scores.{(id.Length > 40 ? id[..40] : id)}"] = [$"Not a criterion of this contest; they are: {string.Join(", ", criteria.Select(c => c.Id))}."];
        }
        return errors;
    }
}

[Description("A juror to add.")]
[OpenApiExample("""{ "name": "Chef Ana" }""")]
public sealed record JurorRequest(
    [property: MaxLength(JurorStore.MaxName), Description("The juror's name, as the marketer knows them (jurors' lists show it).")] string? Name)
{
    public JurorRequest() : this((string?)null) { }
}

public sealed record JurorCreated(
    string Id, string Name, DateTimeOffset AddedAt,
    [property: Description("The juror's key, shown only in this answer: `Authorization: Bearer <key>` on the jurors' API.")] string Key);

public sealed record JurorResponse(string Id, string Name, DateTimeOffset AddedAt,
    [property: Description("Entries now in the gallery that this juror has scored.")] int Scored);

public sealed record JurorList(IReadOnlyList<JurorResponse> Items, [property: Description("Entries in the gallery, to be scored.")] int Entries);

[Description("A juror's scores of one entry.")]
[OpenApiExample("""{ "scores": { "taste": 8, "originality": 9 } }""")]
public sealed record ScoreRequest(
    [property: Description("A whole number 0 to 10 for every criterion, by criterion id.")] Dictionary<string, int?>? Scores)
{
    public ScoreRequest() : this((Dictionary<string, int?>?)null) { }
}

public sealed record JuryEntry(string Id, string Title, string? Caption, DateTimeOffset SubmittedAt,
    [property: Description("The entry's photo, through the fan routes (the entry is in the gallery).")] EntryPhotoResponse? Photo,
    [property: Description("The scores this juror gave it; null when not scored yet.")] IReadOnlyDictionary<string, int>? Scores,
    DateTimeOffset? ScoredAt)
{
    public static JuryEntry Of(string slug, Entry entry, Scorecard? card) => new(entry.Id, entry.Title, entry.Caption, entry.SubmittedAt,
        entry.Photo is { } photo ? EntryPhotoResponse.Of(photo, $"/c/{slug}/entries/{entry.Id}/photo") : null, card?.Scores, card?.ScoredAt);
}

public sealed record JuryEntryPage(
    [property: Description("The juror the key belongs to.")] string Juror,
    IReadOnlyList<JuryCriterion> Criteria,
    IReadOnlyList<JuryEntry> Items,
    [property: Description("Entries in this list (all of the gallery's, or the unscored ones).")] int Total,
    [property: Description("Entries in the gallery this juror has scored.")] int Scored);
