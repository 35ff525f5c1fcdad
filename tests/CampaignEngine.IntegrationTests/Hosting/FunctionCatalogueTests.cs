using System.Text.Json.Nodes;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Hosting;

/// <summary>The Functions host only sees what host.json and function.json declare: they must match the code.</summary>
public sealed class FunctionCatalogueTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly string FunctionsFolder = Path.Combine(RepoPaths.Root, "src", "CampaignEngine", "Functions");

    private FunctionCatalogue Catalogue => fixture.Host.Services.GetRequiredService<FunctionCatalogue>();

    [Fact]
    public void EveryFunctionInTheCatalogueHasAnIdenticalFunctionJson()
    {
        foreach (var (name, expected) in Catalogue.Render())
        {
            var path = Path.Combine(FunctionsFolder, name, "function.json");
            Assert.True(File.Exists(path), $"missing {path}");
            var actual = JsonNode.Parse(File.ReadAllText(path));
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{path} differs from the catalogue:\n{expected}");
        }
    }

    [Fact]
    public void NoFunctionJsonExistsWithoutACatalogueEntry()
    {
        var folders = Directory.GetDirectories(FunctionsFolder).Select(Path.GetFileName).Order();
        Assert.Equal(Catalogue.Names.Order(), folders);
    }

    [Fact]
    public void EveryRouteOfTheAppIsReachableThroughAnHttpFunction()
    {
        var prefixes = FunctionCatalogue.HttpFunctions.Select(FunctionCatalogue.RoutePrefix).ToList();
        var routes = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();

        Assert.NotEmpty(routes);
        var uncovered = routes.Where(r => !prefixes.Any(p => r == p || r.StartsWith(p + "/", StringComparison.Ordinal))).ToList();
        Assert.True(uncovered.Count == 0, "routes with no HTTP function: " + string.Join(", ", uncovered));
    }

    [Fact]
    public void HostJsonMatchesTheStandaloneListenerAndForwardsHttp()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsFolder, "host.json")))!;
        var queues = host["extensions"]!["queues"]!;
        var defaults = new QueueListenerOptions();

        Assert.Equal(defaults.BatchSize, queues["batchSize"]!.GetValue<int>());
        Assert.Equal(defaults.MaxDequeueCount, queues["maxDequeueCount"]!.GetValue<int>());
        Assert.Equal(defaults.VisibilityTimeout, TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>()));
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("CampaignEngine", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
    }
}
