using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace CampaignEngine.Api;

/// <summary>
/// Reads a JSON request body strictly and turns every way it can be wrong into a ProblemDetails
/// answer that names the field: wrong content type or a charset other than UTF-8 (415), malformed
/// JSON (400), a field given twice (400), unknown or server-owned fields (400), wrong value types,
/// numbers sent as strings among them (400).
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
        var (body, problem) = await ReadCheckedAsync(request, cancellationToken);
        if (problem is not null) return (null, problem);

        try
        {
            var value = JsonSerializer.Deserialize(body.Span, type, EngineJson.Strict);
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
        var (body, problem) = await ReadCheckedAsync(request, cancellationToken);
        if (problem is not null) return (null, problem);

        // Well formed and free of duplicates (checked above), so parsing cannot fail.
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        return node is System.Text.Json.Nodes.JsonObject value
            ? (value, null)
            : (null, Problems.Validation(new() { ["$"] = ["A JSON object is required."] }));
    }

    /// <summary>
    /// The body, once its charset is UTF-8 (or unnamed, which for JSON means UTF-8), it is well-formed
    /// JSON and no object in it names a property twice. The size was capped by <see cref="RequestLimits"/>.
    /// </summary>
    private static async Task<(ReadOnlyMemory<byte> Body, IResult? Problem)> ReadCheckedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsUtf8(request.ContentType))
        {
            return (default, Problems.UnsupportedMediaType("Send JSON as UTF-8: charset=utf-8, or no charset."));
        }
        // Not disposed: a MemoryStream holds no handle, and the body is read from its array below.
        var buffer = new MemoryStream(request.ContentLength is > 0 and <= 1024 * 1024 ? (int)request.ContentLength : 4096);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (body.Span.StartsWith(Utf8Bom)) body = body[Utf8Bom.Length..];

        return JsonScan.Check(body.Span) is { } problem
            ? (default, Problems.Validation(new() { [problem.Path] = [problem.Message] }))
            : (body, null);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>JSON is UTF-8 (RFC 8259 §8.1); a charset parameter, if sent, must say so.</summary>
    internal static bool IsUtf8(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var charset = media.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));
        if (charset is null) return true;
        var name = HeaderUtilities.RemoveQuotes(charset.Value);
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase);
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

        if (ex.Message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            // Names that differ only in letter case are the same field to the serializer.
            return new() { [path] = ["Appears more than once in its object (field names ignore letter case); send each field once."] };
        }

        return ex.BytePositionInLine is null && ex.LineNumber is null || ex.InnerException is InvalidOperationException
            ? new() { [path] = ["The value has the wrong type."] }
            : new() { [path] = [ex.InnerException is null && ex.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase)
                ? "The body is not valid JSON."
                : "The value has the wrong type or the body is not valid JSON."] };
    }
}
