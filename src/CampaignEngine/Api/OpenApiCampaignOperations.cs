using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignEngine.Api;

/// <summary>
/// What the campaign operations need beyond their generated shape: the create body's example per
/// kind (named after the kind, so the reference page offers each), the merge-patch body as a
/// partial create body, and the list's filters as enums.
/// </summary>
internal sealed class OpenApiCampaignOperations(CampaignKinds kinds) : IOpenApiOperationTransformer
{
    private const string MergePatch = "application/merge-patch+json";
    private static readonly MethodInfo List = typeof(CampaignListing).GetMethod(nameof(CampaignListing.ListAsync))!;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var accepts = metadata.OfType<IAcceptsMetadata>().LastOrDefault();
        if (accepts?.RequestType == typeof(CreateCampaignRequest)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true && json is OpenApiMediaType create)
        {
            create.Examples = kinds.All.ToDictionary(k => k.Name, k => (IOpenApiExample)new OpenApiExample
            {
                Summary = $"A {k.Name}",
                Description = k.Summary,
                Value = OpenApiCampaignSchemas.Example(k),
            });
        }
        if (accepts?.ContentTypes.Contains(MergePatch) == true && operation.RequestBody is { } patch)
        {
            foreach (var media in patch.Content!.Values.OfType<OpenApiMediaType>())
            {
                media.Schema = new OpenApiSchemaReference(OpenApiCampaignSchemas.PatchSchema, context.Document);
                media.Example = JsonNode.Parse("""{ "title": "Which flavour should we make this autumn?", "description": null }""");
            }
        }
        if (metadata.OfType<MethodInfo>().Contains(List)) DescribeFilters(operation);
        return Task.CompletedTask;
    }

    private void DescribeFilters(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "kind")
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. kinds.Names.Select(n => (JsonNode)n)] };
            }
            else if (parameter.Name == "status")
            {
                // The listing takes status=draft,live: a comma-separated array, as OpenAPI writes it.
                var statuses = Enum.GetNames<CampaignStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName).Append("all");
                parameter.Style = ParameterStyle.Form;
                parameter.Explode = false;
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. statuses.Select(s => (JsonNode)s)] },
                };
            }
        }
    }
}
