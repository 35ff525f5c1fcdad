using Microsoft.OpenApi;

namespace CampaignEngine.Api;

/// <summary>
/// The schema of a merge patch of an object: every field optional, and objects inside partial too,
/// since a merge patch merges them field by field. Arrays are replaced whole, so their items keep
/// their rules; so do values.
/// </summary>
internal static class OpenApiPartialSchema
{
    public static OpenApiSchema Of(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> components, string? description = null)
    {
        var copy = (OpenApiSchema)Resolve(schema, components).CreateShallowCopy();
        copy.Required = null;
        copy.Examples = null;
        copy.Properties = copy.Properties?.ToDictionary(p => p.Key, p => Field(p.Value, components));
        copy.Description = description ?? schema.Description ?? copy.Description;
        return copy;
    }

    private static IOpenApiSchema Field(IOpenApiSchema field, IDictionary<string, IOpenApiSchema> components)
    {
        if (field.OneOf is { Count: > 0 } choices)
        {
            // A nullable object: { oneOf: [ { type: null }, { $ref } ] }.
            return new OpenApiSchema { OneOf = [.. choices.Select(c => IsObject(c, components) ? Of(c, components) : c)], Description = field.Description };
        }
        return IsObject(field, components) ? Of(field, components) : field;
    }

    private static bool IsObject(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> components) =>
        Resolve(schema, components).Properties is { Count: > 0 };

    private static IOpenApiSchema Resolve(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> components) =>
        schema is OpenApiSchemaReference { Reference.Id: { } id } && components.TryGetValue(id, out var target) ? target : schema;
}
