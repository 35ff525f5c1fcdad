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

    /// <summary>What the document and Scalar's script files may do: nothing but be read (the page sets its own policy).</summary>
    private const string AssetPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static WebApplication MapEngineOpenApi(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(ReferenceRoute) || http.Request.Path.StartsWithSegments("/openapi"),
            branch => branch.Use((http, next) =>
            {
                http.Response.OnStarting(() =>
                {
                    if (!http.Response.Headers.ContainsKey("Content-Security-Policy")) Pages.HtmlPage.ApplySecurityHeaders(http.Response, AssetPolicy);
                    return Task.CompletedTask;
                });
                return next(http);
            }));
        app.MapOpenApi(DocumentRoute);
        app.MapScalarApiReference(ReferenceRoute, ReferencePage.Configure);
        return app;
    }
}
