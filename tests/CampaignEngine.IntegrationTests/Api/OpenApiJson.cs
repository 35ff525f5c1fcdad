using System.Net.Http.Json;
using System.Text.Json;

namespace CampaignEngine.IntegrationTests.Api;

/// <summary>The engine's OpenAPI document as JSON, with $refs and nullable wrappers followed.</summary>
public sealed class OpenApiJson(JsonElement document)
{
    private const string ComponentPrefix = "#/components/schemas/";

    public JsonElement Root => document;

    public static async Task<OpenApiJson> ReadAsync(HttpClient client) =>
        new(await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json"));

    public JsonElement Operation(string path, string method) => document.GetProperty("paths").GetProperty(path).GetProperty(method);

    public IEnumerable<(string Name, JsonElement Operation)> Operations() =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    public JsonElement Component(string name) => document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    /// <summary>The schema a request body of this media type is read with.</summary>
    public JsonElement RequestSchema(string path, string method, string mediaType = "application/json") =>
        Operation(path, method).GetProperty("requestBody").GetProperty("content").GetProperty(mediaType).GetProperty("schema");

    /// <summary>Follows a $ref, and a nullable <c>oneOf: [null, X]</c> to X.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference)) return Resolve(Component(reference.GetString()![ComponentPrefix.Length..]));
        if (schema.TryGetProperty("oneOf", out var choices))
        {
            var real = choices.EnumerateArray().Where(c => !IsNull(c)).ToList();
            if (real.Count == 1) return Resolve(real[0]);
        }
        return schema;
    }

    /// <summary>A property of an object schema, resolved; a dotted path goes deeper (<c>poll.rules.period</c>).</summary>
    public JsonElement Property(JsonElement schema, string path)
    {
        foreach (var name in path.Split('.'))
        {
            var resolved = Resolve(schema);
            if (resolved.TryGetProperty("items", out var items) && !resolved.TryGetProperty("properties", out _)) resolved = Resolve(items);
            schema = resolved.GetProperty("properties").GetProperty(name);
        }
        return Resolve(schema);
    }

    /// <summary>The unresolved property, where its description sits (beside a $ref, or in the nullable wrapper).</summary>
    public static string? DescriptionOf(JsonElement property) =>
        property.TryGetProperty("description", out var text) ? text.GetString()
        : property.TryGetProperty("oneOf", out var choices) ? choices.EnumerateArray().Select(DescriptionOf).FirstOrDefault(d => d is not null)
        : null;

    public static IReadOnlyList<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static bool IsNull(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";
}
