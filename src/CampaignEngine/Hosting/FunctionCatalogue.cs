using System.Text.Json.Nodes;
using CampaignEngine.Storage;

namespace CampaignEngine.Hosting;

/// <summary>
/// Every function the engine exposes to the Azure Functions host, declared once. The
/// <c>function.json</c> files under <c>Functions/</c> must equal what this renders (a test checks),
/// and every app route must fall under one of the HTTP functions (a test checks that too).
/// </summary>
public sealed class FunctionCatalogue(IEnumerable<IQueueFunction> queueFunctions, IEnumerable<ITimerFunction> timerFunctions)
{
    /// <summary>HTTP functions: the host forwards matching requests to the app unchanged.</summary>
    public static readonly IReadOnlyList<HttpFunction> HttpFunctions =
    [
        new("Api", "api/{*path}", ["get", "post", "put", "patch", "delete"]),
        new("Fan", "c/{*path}", ["get", "post"]),
        // Links mailed to fans: unsubscribe and redeem.
        new("Links", "l/{*path}", ["get", "post"]),
        new("Health", "healthz", ["get"]),
        new("OpenApi", "openapi/{*path}", ["get"]),
        new("Docs", "docs/{*path}", ["get"]),
        // The site root: an empty route is not allowed, an optional empty segment is (with the host's own home page off).
        new("Home", "{home:maxlength(0)?}", ["get"]),
    ];

    public IReadOnlyList<QueueFunction> QueueFunctions { get; } =
        queueFunctions.Select(f => new QueueFunction(f.Name, f.Queue, StorageOptions.ConnectionName)).OrderBy(f => f.Name).ToList();

    public IReadOnlyList<TimerFunction> TimerFunctions { get; } =
        timerFunctions.Select(f => new TimerFunction(f.Name, f.Schedule)).OrderBy(f => f.Name).ToList();

    public IEnumerable<string> Names =>
        HttpFunctions.Select(f => f.Name).Concat(QueueFunctions.Select(f => f.Name)).Concat(TimerFunctions.Select(f => f.Name));

    /// <summary>The function.json of each function, by function name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Render()
    {
        var files = new Dictionary<string, JsonObject>();
        foreach (var f in HttpFunctions)
        {
            files[f.Name] = new JsonObject
            {
                ["bindings"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "httpTrigger",
                        ["direction"] = "in",
                        ["name"] = "req",
                        ["authLevel"] = "anonymous",
                        ["methods"] = new JsonArray(f.Methods.Select(m => (JsonNode?)m).ToArray()),
                        ["route"] = f.Route,
                    },
                    new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
            };
        }
        foreach (var f in QueueFunctions)
        {
            files[f.Name] = new JsonObject
            {
                ["bindings"] = new JsonArray(new JsonObject
                {
                    ["type"] = "queueTrigger",
                    ["direction"] = "in",
                    ["name"] = "message",
                    ["queueName"] = f.Queue,
                    ["connection"] = f.Connection,
                }),
            };
        }
        foreach (var f in TimerFunctions)
        {
            files[f.Name] = new JsonObject
            {
                ["bindings"] = new JsonArray(new JsonObject
                {
                    ["type"] = "timerTrigger",
                    ["direction"] = "in",
                    ["name"] = "timer",
                    ["schedule"] = f.Schedule,
                }),
            };
        }
        return files;
    }

    /// <summary>The literal path prefix of an HTTP function's route ("c/{*path}" → "/c").</summary>
    public static string RoutePrefix(HttpFunction function) =>
        "/" + function.Route.Split('{')[0].TrimEnd('/');
}

public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods);

public sealed record QueueFunction(string Name, string Queue, string Connection);

public sealed record TimerFunction(string Name, string Schedule);
