using Scalar.AspNetCore;

namespace CampaignEngine.Api;

/// <summary>The OpenAPI document at /openapi/v1.json, and the reference page at /docs that shows it.</summary>
public static class EngineOpenApi
{
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string ReferenceRoute = "/docs";

    public static IServiceCollection AddEngineOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddAdminKey();
        options.AddSchemaTransformer(OpenApiAnnotations.TransformAsync);
        options.AddDocumentTransformer<OpenApiCampaignSchemas>();
        options.AddOperationTransformer<OpenApiCampaignOperations>();
        options.AddDocumentTransformer(OpenApiIntroduction.TransformAsync);
    });

    public static WebApplication MapEngineOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoute);
        app.MapScalarApiReference(ReferenceRoute, ReferencePage.Configure);
        return app;
    }
}
