using System.Text.Json.Nodes;

namespace CampaignEngine.Api;

/// <summary>
/// A valid example of a request body, as JSON, for the OpenAPI document. It sits on the record it
/// shows, so whoever changes the record sees the example; tests send every example to the engine.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OpenApiExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;

    public JsonNode Parse() => JsonNode.Parse(Json)!;

    public static JsonNode? For(Type type) =>
        type.GetCustomAttributes(typeof(OpenApiExampleAttribute), inherit: false) is [OpenApiExampleAttribute example, ..] ? example.Parse() : null;
}
