using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignEngine.Api;

/// <summary>
/// Declares the admin key in the OpenAPI document: a <c>bearer</c> HTTP security scheme, required by
/// every operation under <c>/api</c> (all of them go through <see cref="AdminKeyFilter"/>). Without it
/// the reference page at <c>/docs</c> has no way to send the key, and clients generated from the
/// document do not know the marketer API needs one.
/// </summary>
public static class OpenApiAuth
{
    public const string SchemeName = "adminKey";

    public static OpenApiOptions AddAdminKey(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The admin API key: `Authorization: Bearer <key>` (CampaignEngine:AdminApiKey).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
