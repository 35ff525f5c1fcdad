using Microsoft.OpenApi;

namespace CampaignEngine.Api;

internal static class OpenApiLookup
{
    /// <summary>A schema's property or a component by name, or null.</summary>
    public static IOpenApiSchema? Find(this IDictionary<string, IOpenApiSchema>? schemas, string name) =>
        schemas is not null && schemas.TryGetValue(name, out var schema) ? schema : null;
}
