using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignEngine.Api;

/// <summary>
/// The annotations on request records that the generator leaves out of the document: [Required]
/// into the object's <c>required</c> list, [AllowedValues] as an enum, [EmailAddress] as the
/// email format, and the record's <see cref="OpenApiExampleAttribute"/> as its example.
/// </summary>
internal static class OpenApiAnnotations
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            AnnotateObject(schema, context.JsonTypeInfo);
        }
        else if (context.JsonPropertyInfo?.AttributeProvider is { } attributes)
        {
            if (attributes.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: false) is [AllowedValuesAttribute allowed, ..])
            {
                schema.Enum = [.. allowed.Values.Select(v => (JsonNode)JsonValue.Create(v!.ToString())!)];
                // Stricter than the reader, which takes null as "absent": the document lists the values to send.
                schema.Type &= ~JsonSchemaType.Null;
            }
            if (attributes.IsDefined(typeof(EmailAddressAttribute), inherit: false)) schema.Format = "email";
        }
        return Task.CompletedTask;
    }

    private static void AnnotateObject(OpenApiSchema schema, JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: false) != true) continue;
            schema.Required ??= new HashSet<string>();
            schema.Required.Add(property.Name);
            if (schema.Properties?.TryGetValue(property.Name, out var value) == true && value is OpenApiSchema required) required.Type &= ~JsonSchemaType.Null;
        }
        if (OpenApiExampleAttribute.For(type.Type) is { } example) schema.Examples = [example];
    }
}
