using System.Text.Json.Nodes;
using CampaignEngine.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>The function.json files the code's <see cref="FunctionCatalogue"/> renders, without starting an engine.</summary>
public static class Catalogue
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Rendered = new(Render);

    public static IReadOnlyDictionary<string, JsonObject> FunctionJson => Rendered.Value;

    private static IReadOnlyDictionary<string, JsonObject> Render()
    {
        // Building the app wires the queue functions; nothing starts and nothing touches storage.
        var app = CampaignEngineApp.Build(["--CampaignStorage=UseDevelopmentStorage=true"]);
        try
        {
            return app.Services.GetRequiredService<FunctionCatalogue>().Render();
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }
}
