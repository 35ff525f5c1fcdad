using System.Text.Json;
using System.Text.RegularExpressions;

namespace CampaignEngine.Api;

/// <summary>
/// Reads a JSON request body strictly and turns every way it can be wrong into a ProblemDetails
/// answer that names the field: wrong content type (415), malformed JSON (400), unknown or
/// server-owned fields (400), wrong value types (400).
/// </summary>
public static partial class JsonBody
{
    private static readonly HashSet<string> ServerOwned =
        ["status", "createdAt", "publishedAt", "closedAt", "archivedAt", "totalVotes", "votes", "counts", "links", "shards", "results"];

    public static bool IsServerOwned(string field) => ServerOwned.Contains(field);

    [GeneratedRegex("property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (value, problem) = await ReadAsync(request, typeof(T), cancellationToken);
        return ((T?)value, problem);
    }

    /// <summary>The same, for a type known only at run time (a kind's submission input).</summary>
    public static async Task<(object? Value, IResult? Problem)> ReadAsync(HttpRequest request, Type type, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.UnsupportedMediaType("Send the body as application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, EngineJson.Strict, cancellationToken);
            return value is null
                ? (null, Problems.Validation(new() { ["$"] = ["A JSON object is required."] }))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Validation(Describe(ex)));
        }
    }

    /// <summary>Reads a JSON object as it is (a merge patch, say), with the same errors as <see cref="ReadAsync{T}"/>.</summary>
    public static async Task<(System.Text.Json.Nodes.JsonObject? Value, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.UnsupportedMediaType("Send the body as application/merge-patch+json or application/json."));
        }
        try
        {
            var node = await System.Text.Json.Nodes.JsonNode.ParseAsync(request.Body,
                documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }, cancellationToken: cancellationToken);
            return node is System.Text.Json.Nodes.JsonObject value
                ? (value, null)
                : (null, Problems.Validation(new() { ["$"] = ["A JSON object is required."] }));
        }
        catch (JsonException)
        {
            return (null, Problems.Validation(new() { ["$"] = ["The body is not valid JSON."] }));
        }
    }

    public static Dictionary<string, string[]> Describe(JsonException ex)
    {
        var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : ex.Path ?? "$";
        if (UnmappedProperty().Match(ex.Message) is { Success: true } match)
        {
            var name = match.Groups["name"].Value;
            var field = path == "$" ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            return new()
            {
                [field] = [ServerOwned.Contains(name) ? $"'{name}' is set by the server and cannot be sent." : $"Unknown field '{name}'."],
            };
        }

        return ex.BytePositionInLine is null && ex.LineNumber is null
            ? new() { [path] = ["The value has the wrong type."] }
            : new() { [path] = [ex.InnerException is null && ex.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase)
                ? "The body is not valid JSON."
                : "The value has the wrong type or the body is not valid JSON."] };
    }
}
