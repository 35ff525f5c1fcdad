using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace CampaignEngine.IntegrationTests.Deployment;

/// <summary>How a queue-trigger invocation is written on the wire.</summary>
public enum PayloadShape
{
    /// <summary>
    /// As azure-functions-host builds it (ScriptInvocationContextExtensions): the message text and
    /// every non-object metadata value passed through JsonConvert.SerializeObject once more, so the
    /// message is a JSON string holding a JSON string literal, DequeueCount the string "1", Id and
    /// PopReceipt quoted strings; dates ISO 8601 without fractions; sys an object.
    /// </summary>
    HostSource,

    /// <summary>As Microsoft's custom-handler docs show it: message text as a plain string, DequeueCount a number.</summary>
    Documented,
}

/// <summary>
/// Plays the Azure Functions host's part for a custom handler: dequeues a message the way the
/// queue trigger does, POSTs it to /{FunctionName}, and completes (deletes) it only on a 2xx.
/// </summary>
public static class FunctionsHost
{
    public const string HostVersion = "4.1041.200.0";

    // Newtonsoft (the host's serializer) leaves non-ASCII and HTML characters unescaped.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Payload(PayloadShape shape, string functionName, string messageText, string id, long dequeueCount,
        DateTimeOffset insertedOn, DateTimeOffset expiresOn, DateTimeOffset nextVisibleOn, string popReceipt)
    {
        var now = DateTimeOffset.UtcNow;
        var hostSource = shape == PayloadShape.HostSource;
        JsonNode Text(string value) => hostSource ? JsonValue.Create(JsonSerializer.Serialize(value, Relaxed))! : JsonValue.Create(value)!;
        JsonNode Date(DateTimeOffset value) => JsonValue.Create(hostSource
            ? value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : value.ToString("O", CultureInfo.InvariantCulture))!;

        return new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = Text(messageText) },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = hostSource ? JsonValue.Create(dequeueCount.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(dequeueCount),
                ["ExpirationTime"] = Date(expiresOn),
                ["Id"] = Text(id),
                ["InsertionTime"] = Date(insertedOn),
                ["NextVisibleTime"] = Date(nextVisibleOn),
                ["PopReceipt"] = Text(popReceipt),
                ["sys"] = new JsonObject
                {
                    ["MethodName"] = functionName,
                    ["UtcNow"] = now.ToString("O", CultureInfo.InvariantCulture),
                    ["RandGuid"] = Guid.NewGuid().ToString(),
                },
            },
        };
    }

    /// <summary>A payload for a message that never sat on a queue (the ids and dates are made up).</summary>
    public static JsonObject Payload(PayloadShape shape, string functionName, string messageText, long dequeueCount = 1)
    {
        var now = DateTimeOffset.UtcNow;
        return Payload(shape, functionName, messageText, Guid.NewGuid().ToString(), dequeueCount,
            now.AddSeconds(-1), now.AddDays(7), now.AddMinutes(10), "AgAAAAMAAAAAAAAA" + Random.Shared.Next());
    }

    /// <summary>POSTs an invocation as the host does: JSON body, its own headers, to /{FunctionName}.</summary>
    /// <summary>
    /// A timer-trigger invocation as the host builds it: the trigger's TimerInfo through JObject.FromObject
    /// (an object with PascalCase names; ScheduleStatus null without schedule monitoring), and sys metadata.
    /// </summary>
    public static JsonObject TimerPayload(string functionName, DateTimeOffset now, bool isPastDue = false) => new()
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject
                {
                    ["Last"] = now.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
                    ["Next"] = now.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
                    ["LastUpdated"] = now.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
                },
                ["IsPastDue"] = isPastDue,
            },
        },
        ["Metadata"] = new JsonObject
        {
            ["sys"] = new JsonObject
            {
                ["MethodName"] = functionName,
                ["UtcNow"] = now.ToString("O", CultureInfo.InvariantCulture),
                ["RandGuid"] = Guid.NewGuid().ToString(),
            },
        },
    };

    public static async Task<HttpResponseMessage> InvokeAsync(HttpClient handler, string functionName, JsonObject payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + functionName)
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
        return await handler.SendAsync(request);
    }

    /// <summary>
    /// One round of the queue trigger: receive up to <paramref name="max"/> messages, invoke the
    /// function for each, delete those answered with 2xx. Returns the status codes.
    /// </summary>
    public static async Task<IReadOnlyList<int>> DrainOnceAsync(HttpClient handler, string functionName, QueueClient queue,
        PayloadShape shape = PayloadShape.HostSource, int max = 32)
    {
        var statuses = new List<int>();
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(max, TimeSpan.FromSeconds(30))).Value;
        foreach (var message in messages)
        {
            var payload = Payload(shape, functionName, message.Body.ToString(), message.MessageId, message.DequeueCount,
                message.InsertedOn ?? DateTimeOffset.UtcNow, message.ExpiresOn ?? DateTimeOffset.UtcNow.AddDays(7),
                message.NextVisibleOn ?? DateTimeOffset.UtcNow, message.PopReceipt);
            using var response = await InvokeAsync(handler, functionName, payload);
            statuses.Add((int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
        return statuses;
    }

    /// <summary>A queue client that decodes bodies the way the trigger does with messageEncoding base64.</summary>
    public static QueueClient Queue(string connectionString, string name) =>
        new(connectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
}
