using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using CampaignEngine.Api;
using CampaignEngine.Kinds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignEngine.Campaigns;

/// <summary>
/// <c>GET /api/campaigns</c>. Status and kind filters run in the table service; a title search runs
/// here over the table's pages, so the continuation token records where in a table page the
/// listing stopped and no campaign is skipped or repeated between pages.
/// </summary>
public static class CampaignListing
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxSearch = 200;
    private const int MaxTablePagesPerRequest = 20;

    private sealed record Position(string? Table, int Skip);

    public static async Task<Results<Ok<CampaignListResponse>, ValidationProblem>> ListAsync(
        CampaignStore store, CampaignPresenter presenter, CampaignKinds kinds, HttpRequest request,
        [Description("Campaigns per page."), Range(1, MaxPageSize), DefaultValue(DefaultPageSize)] int? pageSize,
        [Description("The continuationToken of the previous page, to read the next one.")] string? continuationToken,
        [Description("Statuses to list, comma-separated, or all. Archived campaigns are left out when absent.")] string? status,
        [Description("Only campaigns of this kind.")] string? kind,
        [Description("Only campaigns whose title contains this text (case-insensitive)."), MaxLength(MaxSearch)] string? q,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (pageSize is < 1 or > MaxPageSize) errors.Add("pageSize", $"Between 1 and {MaxPageSize}.");
        var statuses = ParseStatuses(status, errors);
        if (kind is not null && kinds.Find(kind) is null) errors.Add("kind", $"Unknown kind. {kinds.Describe()}");
        if (q is { Length: > MaxSearch }) errors.Add("q", $"At most {MaxSearch} characters.");
        var position = continuationToken is null ? new Position(null, 0) : Decode(continuationToken);
        if (position is null) errors.Add("continuationToken", "Not a token this API gave out; start again without it.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var filter = new CampaignFilter(statuses, kind, string.IsNullOrWhiteSpace(q) ? null : q.Trim());
        var (items, next) = await ReadAsync(store, filter, pageSize ?? DefaultPageSize, position!, ct);
        return TypedResults.Ok(new CampaignListResponse(items.Select(c => presenter.Present(request, c)).ToList(), next));
    }

    private static async Task<(List<Campaign> Items, string? Next)> ReadAsync(
        CampaignStore store, CampaignFilter filter, int pageSize, Position position, CancellationToken ct)
    {
        var found = new List<Campaign>();
        for (var pages = 0; pages < MaxTablePagesPerRequest; pages++)
        {
            var (rows, tableNext) = await store.GetCampaignPageAsync(filter, pageSize, position.Table, ct);
            for (var i = position.Skip; i < rows.Count; i++)
            {
                if (!Matches(rows[i].Campaign, filter.Search)) continue;
                found.Add(rows[i].Campaign);
                if (found.Count == pageSize)
                {
                    var rest = i + 1 < rows.Count ? new Position(position.Table, i + 1) : tableNext is null ? null : new Position(tableNext, 0);
                    return (found, rest is null ? null : Encode(rest));
                }
            }
            if (tableNext is null) return (found, null);
            position = new Position(tableNext, 0);
        }
        // A search that matches little may need many table pages: answer with what was found so far.
        return (found, Encode(position));
    }

    private static bool Matches(Campaign campaign, string? search) =>
        search is null || campaign.Title.Contains(search, StringComparison.CurrentCultureIgnoreCase);

    private static List<CampaignStatus>? ParseStatuses(string? value, FieldErrors errors)
    {
        // Archived campaigns are out of the way unless asked for.
        if (value is null) return [CampaignStatus.Draft, CampaignStatus.Live, CampaignStatus.Closed];
        var statuses = new List<CampaignStatus>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "all") return null;
            if (part is "draft" or "live" or "closed" or "archived") statuses.Add(Enum.Parse<CampaignStatus>(part, ignoreCase: true));
            else errors.Add("status", "Use draft, live, closed, archived (comma-separated) or all.");
        }
        return statuses;
    }

    private static string Encode(Position position) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(position, EngineJson.Options)));

    private static Position? Decode(string token)
    {
        try
        {
            var position = JsonSerializer.Deserialize<Position>(WebEncoders.Base64UrlDecode(token), EngineJson.Strict);
            return position is { Skip: >= 0 and < 1000 } ? position : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
