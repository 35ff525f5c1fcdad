using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignEngine.Hosting;

/// <summary>
/// The Azure Functions custom-handler side of the contract. The host passes the port in
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, forwards HTTP requests unchanged, and POSTs every other
/// trigger to <c>/{FunctionName}</c> as <c>{"Data": {...}, "Metadata": {...}}</c>, expecting
/// <c>{"Outputs", "Logs", "ReturnValue"}</c> back. A non-2xx answer fails the invocation, so the
/// host retries and finally poisons the message.
/// </summary>
public static class CustomHandler
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static string? Port(IConfiguration configuration) =>
        configuration[PortVariable] is { Length: > 0 } port ? port : null;

    public static IEndpointRouteBuilder MapCustomHandlerFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in app.ServiceProvider.GetServices<IQueueFunction>())
        {
            app.MapPost("/" + function.Name, (HttpRequest request, ILoggerFactory loggers, CancellationToken ct) =>
                    InvokeAsync(function, request, loggers.CreateLogger(typeof(CustomHandler)), ct))
                .ExcludeFromDescription();
        }
        foreach (var function in app.ServiceProvider.GetServices<ITimerFunction>())
        {
            app.MapPost("/" + function.Name, (HttpRequest request, ILoggerFactory loggers, CancellationToken ct) =>
                    InvokeTimerAsync(function, request, loggers.CreateLogger(typeof(CustomHandler)), ct))
                .ExcludeFromDescription();
        }
        return app;
    }

    private static async Task<IResult> InvokeTimerAsync(ITimerFunction function, HttpRequest request, ILogger logger, CancellationToken ct)
    {
        TimerInvocation invocation;
        try
        {
            using var payload = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            invocation = ReadTimerInvocation(payload.RootElement);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Invocation of {Function} had an unreadable payload: {Reason}", function.Name, ex.Message);
            return TypedResults.Json(new InvocationResult([$"Unreadable invocation payload: {ex.Message}"]), statusCode: 400);
        }

        try
        {
            await function.RunAsync(invocation, ct);
            return TypedResults.Json(new InvocationResult([]));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Timer function {Function} failed", function.Name);
            return TypedResults.Json(new InvocationResult([$"{function.Name} failed: {ex.GetType().Name}"]), statusCode: 500);
        }
    }

    /// <summary>Reads the host's timer-trigger payload; only <c>IsPastDue</c> matters here.</summary>
    /// <remarks>
    /// The host passes the trigger's <c>TimerInfo</c> through <c>JObject.FromObject</c> (an object, not a
    /// string, unlike a queue message): <c>{"Data": {"timer": {"Schedule": {"AdjustForDST": true},
    /// "ScheduleStatus": {"Last", "Next", "LastUpdated"} or null, "IsPastDue": false}}, "Metadata":
    /// {"sys": {"MethodName", "UtcNow", "RandGuid"}}}</c>. A value passed as a JSON string, or no Data
    /// at all, is read too: the run does not depend on any of it.
    /// </remarks>
    public static TimerInvocation ReadTimerInvocation(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
            return new TimerInvocation(IsPastDue: false);
        var timer = data.EnumerateObject().Select(p => p.Value).FirstOrDefault();
        if (timer.ValueKind == JsonValueKind.String)
        {
            using var inner = JsonDocument.Parse(Unquote(timer.GetString()!));
            return new TimerInvocation(IsPastDue(inner.RootElement));
        }
        return new TimerInvocation(IsPastDue(timer));
    }

    private static bool IsPastDue(JsonElement timer) =>
        timer.ValueKind == JsonValueKind.Object
        && (timer.TryGetProperty("IsPastDue", out var value) || timer.TryGetProperty("isPastDue", out value))
        && (value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.String && value.GetString() is "true" or "True");

    private static async Task<IResult> InvokeAsync(IQueueFunction function, HttpRequest request, ILogger logger, CancellationToken ct)
    {
        QueueInvocation invocation;
        try
        {
            using var payload = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            invocation = ReadInvocation(payload.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            logger.LogWarning("Invocation of {Function} had an unreadable payload: {Reason}", function.Name, ex.Message);
            return TypedResults.Json(new InvocationResult([$"Unreadable invocation payload: {ex.Message}"]), statusCode: 400);
        }

        try
        {
            await function.RunAsync(invocation, ct);
            return TypedResults.Json(new InvocationResult([]));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Function} failed on message {MessageId} (dequeue {DequeueCount})",
                function.Name, invocation.MessageId, invocation.DequeueCount);
            // Only the exception type goes back to the host's log: messages may echo user input.
            return TypedResults.Json(new InvocationResult([$"{function.Name} failed: {ex.GetType().Name}"]), statusCode: 500);
        }
    }

    /// <summary>Reads the host's queue-trigger payload; the single Data entry is the message.</summary>
    /// <remarks>
    /// What the host really sends (azure-functions-host, <c>ScriptInvocationContextExtensions
    /// .ToHttpScriptInvocationContext</c> and <c>GetHttpScriptInvocationContextValue</c>, serialized
    /// with Newtonsoft by <c>HttpScriptInvocationContextExtensions.ToHttpRequestMessage</c>): with no
    /// <c>dataType</c> in function.json the queue trigger binds to a .NET string, and every value that
    /// is not an object is passed through <c>JsonConvert.SerializeObject</c> before the whole payload is
    /// serialized again. So the message text arrives as a JSON string whose content is itself a JSON
    /// string literal (<c>"\"{\\\"items\\\":[]}\""</c>), never as a parsed object, and the host's own
    /// unit test pins that (<c>GetHttpScriptInvocationContextValueTest_String</c>). Metadata goes the
    /// same way: <c>DequeueCount</c> (a long) arrives as the string <c>"1"</c>, <c>Id</c> and
    /// <c>PopReceipt</c> as quoted strings, <c>InsertionTime</c> as an ISO date (recent hosts) or a
    /// quoted one (older hosts), <c>sys</c> as an object. Keys ending in "trigger" (QueueTrigger) are
    /// left out, and top-level non-array properties of a JSON message are added to Metadata (our
    /// messages are <c>{"items": [...]}</c>, so none are). Microsoft's docs show the plain shape
    /// (message text as a string, DequeueCount a number); both shapes, and a message passed as an
    /// object, are read here.
    /// </remarks>
    public static QueueInvocation ReadInvocation(JsonElement root)
    {
        var data = root.GetProperty("Data");
        var message = data.EnumerateObject().FirstOrDefault();
        if (message.Value.ValueKind == JsonValueKind.Undefined)
        {
            throw new InvalidOperationException("Data holds no trigger value.");
        }

        var text = message.Value.ValueKind == JsonValueKind.String ? Unquote(message.Value.GetString()!) : message.Value.GetRawText();

        var metadata = root.TryGetProperty("Metadata", out var m) ? m : default;
        return new QueueInvocation(
            text,
            ReadString(metadata, "Id") ?? "",
            ReadLong(metadata, "DequeueCount") ?? 1,
            ReadString(metadata, "InsertionTime") is { } inserted && DateTimeOffset.TryParse(inserted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
    }

    private static string? ReadString(JsonElement metadata, string name) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? Unquote(v.GetString()!) : v.GetRawText()
            : null;

    private static long? ReadLong(JsonElement metadata, string name) =>
        ReadString(metadata, name) is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Undoes the host's extra <c>JsonConvert.SerializeObject</c> of a string, if it was applied.</summary>
    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"') return value;
        try
        {
            return JsonSerializer.Deserialize<string>(value) ?? value;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>The response shape the Functions host reads; the names are PascalCase on the wire.</summary>
    public sealed record InvocationResult([property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs)
    {
        [JsonPropertyName("Outputs")] public Dictionary<string, object?> Outputs { get; } = [];
        [JsonPropertyName("ReturnValue")] public object? ReturnValue => null;
    }
}
