using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignEngine.Api;

/// <summary>
/// The campaign schemas as the API really reads and writes them. A campaign's kind settings travel
/// as extension data, which the generator cannot see: here each registered kind's settings become a
/// property named after the kind (and the kind's older top-level fields, marked deprecated), kind and
/// locale become enums, nothing else is allowed, and the create body gets one valid example per kind.
/// </summary>
internal sealed class OpenApiCampaignSchemas(CampaignKinds kinds) : IOpenApiDocumentTransformer
{
    public const string PatchSchema = "CampaignPatch";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        if (schemas?.Find(nameof(CreateCampaignRequest)) is not OpenApiSchema create
            || schemas.Find(nameof(CampaignResponse)) is not OpenApiSchema response) return;

        foreach (var kind in kinds.All)
        {
            var id = kind.SettingsRequestType.Name;
            if (!schemas.TryGetValue(id, out var section))
            {
                section = await context.GetOrCreateSchemaAsync(kind.SettingsRequestType, cancellationToken: cancellationToken);
                document.AddComponent(id, section);
            }
            AddSection(create, kind, section, document, $"Send the settings either in {kind.Name} or at the top level, not both.");
            AddSection(response, kind, section, document, $"The same as {kind.Name}.{{0}}.");
        }
        foreach (var campaign in (IEnumerable<OpenApiSchema>)[create, response])
        {
            Restrict(campaign, "kind", kinds.Names);
            Restrict(campaign, "locale", Locales.Supported);
            campaign.AdditionalPropertiesAllowed = false;
        }
        LimitTexts(create);
        if (create.Properties!["embedOrigins"] is OpenApiSchema origins)
        {
            origins.Items = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "uri", Pattern = "^https://[^/]+/?$", Description = "An https origin: no path, no wildcard.",
            };
        }
        create.Examples = [.. kinds.All.Select(Example)];
        document.AddComponent(PatchSchema, OpenApiPartialSchema.Of(create, schemas, PatchDescription));
    }

    /// <summary>A complete create body for a campaign of <paramref name="kind"/>: the shared example, the kind, its section.</summary>
    public static JsonNode Example(ICampaignKind kind)
    {
        var body = OpenApiExampleAttribute.For(typeof(CreateCampaignRequest))!.AsObject();
        body.Insert(0, "kind", kind.Name);
        body[kind.Name] = OpenApiExampleAttribute.For(kind.SettingsRequestType);
        return body;
    }

    private static void AddSection(OpenApiSchema campaign, ICampaignKind kind, IOpenApiSchema section, OpenApiDocument document, string topLevelNote)
    {
        campaign.Properties![kind.Name] = new OpenApiSchemaReference(kind.SettingsRequestType.Name, document)
        {
            Description = $"The settings of a {kind.Name} campaign (kind {kind.Name}). {kind.Summary}",
        };
        foreach (var field in kind.TopLevelFields)
        {
            if (campaign.Properties.ContainsKey(field) || section.Properties?.Find(field) is not { } shape) continue;
            var copy = (OpenApiSchema)shape.CreateShallowCopy();
            copy.Deprecated = true;
            copy.Description = $"The older contract of {kind.Name} campaigns, with the settings at the top level. " + string.Format(topLevelNote, field);
            campaign.Properties[field] = copy;
        }
    }

    private static void Restrict(OpenApiSchema campaign, string field, IEnumerable<string> values)
    {
        if (campaign.Properties?.Find(field) is not OpenApiSchema schema) return;
        schema.Enum = [.. values.Select(v => (JsonNode)v)];
        schema.Type = JsonSchemaType.String;
    }

    private static void LimitTexts(OpenApiSchema create)
    {
        if (create.Properties?.Find("texts") is not OpenApiSchema texts) return;
        texts.MaxProperties = TextOverrides.MaxOverrides;
        texts.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = TextOverrides.MaxLength };
    }

    private const string PatchDescription =
        "A JSON merge patch (RFC 7396) of a campaign: any subset of the create body. Objects merge field by field, " +
        "arrays and values replace, null removes a field. The campaign it makes must be valid as a whole.";
}
