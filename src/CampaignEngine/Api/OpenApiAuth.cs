using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignEngine.Api;

/// <summary>
/// Declares the admin key in the OpenAPI document: a <c>bearer</c> HTTP security scheme, required by
/// every operation under <c>/api</c> (all of them go through <see cref="AdminKeyFilter"/>). Without it
/// the reference page at <c>/docs</c> has no way to send the key, and clients generated from the
/// document do not know the marketer API needs one. A contest's jurors' API (<c>/api/campaigns/{slug}/jury/...</c>) takes
/// a juror key instead, declared as a scheme of its own.
/// </summary>
public static class OpenApiAuth
{
    public const string SchemeName = "adminKey";
    public const string JurorSchemeName = "jurorKey";

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
            document.Components.SecuritySchemes[JurorSchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A juror key of one contest, from POST /api/campaigns/{slug}/jurors: `Authorization: Bearer <key>`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath is { } path && path.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
            {
                var scheme = path.StartsWith("api/campaigns/{slug}/jury/", StringComparison.OrdinalIgnoreCase) ? JurorSchemeName : SchemeName;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
