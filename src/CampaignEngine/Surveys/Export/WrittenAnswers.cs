using System.ComponentModel;
using System.Globalization;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.Surveys.Export;

/// <summary>
/// The written answers to one question (a text, email or date question's, or a choice's "other" texts), a page at a
/// time, optionally only those containing a search term. Read from the response rows, shard by shard; the token says
/// where the last page stopped (shard and row), so a page never repeats or skips one.
/// </summary>
public static class WrittenAnswers
{
    public const int DefaultPage = 50;
    public const int MaxPage = 500;
    public const int MaxSearch = 100;

    public static IEndpointRouteBuilder MapWrittenAnswers(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup("/api/campaigns/{slug}/questions/{questionId}", "Surveys").MapGet("/answers", ListAsync)
            .WithSummary("The written answers to one question (texts, emails, dates, or a choice's \"other\" texts), a page at a time, searchable")
            .WithDescription("Pass the `continuationToken` of one answer to get the next page; `search` keeps the answers that contain it (any letter case).")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Results<Ok<WrittenAnswerPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string slug,
        string questionId,
        [Description("Only answers containing this text, in any letter case (at most 100 characters).")] string? search,
        [Description("Answers per page, 1 to 500 (default 50).")] int? limit,
        [Description("From the previous page's answer.")] string? continuationToken,
        CampaignStore campaigns, StoredResponses responses, CancellationToken ct)
    {
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxPage) errors["limit"] = [$"Between 1 and {MaxPage}."];
        if (search?.Length > MaxSearch) errors["search"] = [$"At most {MaxSearch} characters."];
        var (shard, after) = ReadToken(continuationToken);
        if (shard < 0) errors["continuationToken"] = ["Not a token this list returned; start again without one."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await campaigns.FindCampaignAsync(slug, ct) is not { Campaign: { Kind: "survey" } campaign }) return Problems.NotFound($"No survey '{slug}'.");
        var question = campaign.SettingsAs<SurveySettings>().FindQuestion(questionId);
        if (question is null || !(SurveySettingsValidator.IsWritten(question.Type) || question.AllowOther))
        {
            return Problems.NotFound($"The survey '{slug}' has no question '{questionId}' with written answers.");
        }

        var wanted = limit ?? DefaultPage;
        var items = new List<WrittenAnswer>(wanted);
        for (; shard < campaign.Shards; shard++, after = null)
        {
            await foreach (var (rowKey, response) in responses.ReadShardAsync(campaign, shard, after, ct))
            {
                var text = SurveySettingsValidator.IsWritten(question.Type) ? response.Data.Text?.GetValueOrDefault(question.Id) : response.Data.Other?.GetValueOrDefault(question.Id);
                if (text is null || (search is { Length: > 0 } && !text.Contains(search, StringComparison.OrdinalIgnoreCase))) continue;
                items.Add(new WrittenAnswer(response.Receipt, response.AcceptedAt, text));
                if (items.Count == wanted) return TypedResults.Ok(new WrittenAnswerPage(items, Token(shard, rowKey)));
            }
        }
        return TypedResults.Ok(new WrittenAnswerPage(items, null));
    }

    private static string Token(int shard, string rowKey) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(shard.ToString(CultureInfo.InvariantCulture) + "\n" + rowKey));

    /// <summary>(0, null) for none; (-1, null) for a token this list did not make.</summary>
    private static (int Shard, string? After) ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return (0, null);
        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n', 2);
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var shard) && shard < 1000
                   && parts[1].StartsWith(SurveyKind.RespondCode + "|", StringComparison.Ordinal)
                ? (shard, parts[1])
                : (-1, null);
        }
        catch (FormatException)
        {
            return (-1, null);
        }
    }
}

public sealed record WrittenAnswerPage(
    IReadOnlyList<WrittenAnswer> Items,
    [property: Description("Pass it back for the next page; null on the last one.")] string? ContinuationToken);

public sealed record WrittenAnswer(
    [property: Description("The response's receipt.")] string Response,
    DateTimeOffset SubmittedAt,
    string Text);
