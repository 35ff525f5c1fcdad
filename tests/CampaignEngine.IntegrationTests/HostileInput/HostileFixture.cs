using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.IntegrationTests.HostileInput;

/// <summary>
/// One engine for the corpus, its logs captured, its queue listener and timers off (so a queued vote
/// stays visible as a message, or as an outbox row when the queue was slow to answer), answering
/// only to 127.0.0.1 like every test engine.
/// </summary>
public sealed class HostileFixture : IAsyncLifetime
{
    public CapturedLogs Logs { get; } = new();
    public EngineHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await EngineHost.StartAsync(new Dictionary<string, string?> { ["QueueListener:Enabled"] = "false", ["Timers:Enabled"] = "false" },
            services: s => s.AddSingleton<ILoggerProvider>(Logs));

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Every route of the app with each of its methods; a route that names none is tried with GET and POST.</summary>
    public IReadOnlyList<Route> Routes() =>
        Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(method => new Route(method, e.RoutePattern, e.Metadata.GetMetadata<IAcceptsMetadata>() is not null, e.DisplayName ?? "")))
            .Where(r => r.Method is not "OPTIONS" and not "CONNECT" and not "TRACE")
            .DistinctBy(r => (r.Method, r.Pattern.RawText))
            .OrderBy(r => r.Pattern.RawText, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>What requests could have changed: every campaign and its version, the rows of the other tables, the blobs.</summary>
    public async Task<StorageState> StateAsync()
    {
        var names = Host.Names;
        var campaigns = new Dictionary<string, string>();
        await foreach (var row in Host.Tables.GetTableClient(names.CampaignsTable).QueryAsync<TableEntity>(select: ["RowKey"]))
            campaigns[row.RowKey] = row.ETag.ToString();
        var blobs = new SortedSet<string>(StringComparer.Ordinal);
        var container = Host.Services.GetRequiredService<CampaignEngine.Storage.StorageClients>().Blobs.GetBlobContainerClient(names.MediaContainer);
        await foreach (var blob in container.GetBlobsAsync()) blobs.Add(blob.Name);
        return new StorageState(campaigns, await CountAsync(names.VotesTable), await CountAsync(names.ContactsTable), blobs);
    }

    /// <summary>
    /// The items on the votes and contacts queues (and their poison queues) and in the outbox, counted
    /// once each per campaign, and both emptied for the next test. The listener and the drain are off,
    /// so every accepted item is still in one of them; an item can be in both for a moment (the queue
    /// answered late and its outbox copy is not yet deleted), which is why each is counted by its text.
    /// </summary>
    public async Task<Dictionary<string, int>> DrainQueuesAsync()
    {
        var items = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var name in Host.Names.Queues)
        {
            var queue = Host.Queues.GetQueueClient(name);
            while (true)
            {
                var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
                if (messages.Length == 0) break;
                foreach (var message in messages) Count(items, name, message.Body);
            }
            await queue.ClearMessagesAsync();
        }
        var outbox = Host.Tables.GetTableClient(Host.Names.OutboxTable);
        await foreach (var row in outbox.QueryAsync<TableEntity>())
        {
            // Outbox rows are kept under the logical queue name; counted with the physical queue's items.
            Count(items, Host.Names.Queue(row.PartitionKey), BinaryData.FromBytes(row.GetBinary("Body")));
            await outbox.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All);
        }
        return items.ToDictionary(i => i.Key, i => i.Value.Count, StringComparer.Ordinal);
    }

    private static void Count(Dictionary<string, HashSet<string>> items, string queue, BinaryData body)
    {
        using var batch = JsonDocument.Parse(body.ToMemory());
        foreach (var item in batch.RootElement.GetProperty("items").EnumerateArray())
        {
            // Votes name their campaign "c", contacts "slug".
            var slug = (item.TryGetProperty("c", out var c) ? c : item.GetProperty("slug")).GetString()!;
            var key = $"{queue}:{slug}";
            if (!items.TryGetValue(key, out var seen)) items[key] = seen = new HashSet<string>(StringComparer.Ordinal);
            seen.Add(item.GetRawText());
        }
    }

    private async Task<int> CountAsync(string table)
    {
        var count = 0;
        await foreach (var _ in Host.Tables.GetTableClient(table).QueryAsync<TableEntity>(select: ["RowKey"])) count++;
        return count;
    }
}

/// <summary>A look at storage: campaigns with their versions, row counts of the other tables, blob names.</summary>
public sealed record StorageState(IReadOnlyDictionary<string, string> Campaigns, int VoteRows, int ContactRows, IReadOnlySet<string> Blobs)
{
    public bool SameAs(StorageState other) =>
        VoteRows == other.VoteRows && ContactRows == other.ContactRows && Blobs.SetEquals(other.Blobs)
        && Campaigns.Count == other.Campaigns.Count && Campaigns.All(c => other.Campaigns.TryGetValue(c.Key, out var etag) && etag == c.Value);
}

/// <summary>One method of one route; <see cref="TakesBody"/>: it declares the content types it accepts.</summary>
public sealed record Route(string Method, RoutePattern Pattern, bool TakesBody, string Name)
{
    public bool IsRead => Method is "GET" or "HEAD";

    /// <summary>Behind the admin key.</summary>
    public bool IsAdmin => Pattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true;

    /// <summary>A kind's submission route (a poll's votes): what a fan posts, accepted with 202.</summary>
    public bool IsVote => Method == "POST" && TakesBody && Pattern.RawText?.StartsWith("/c/{slug}/", StringComparison.Ordinal) == true;

    /// <summary>The route's address with its parameters filled: the campaign, a queue that exists, an image slot, the document.</summary>
    public string PathFor(string slug)
    {
        var path = new StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { Name: "slug" } => slug,
                    RoutePatternParameterPart { Name: "queue" } => "votes",
                    RoutePatternParameterPart { Name: "slot" } => "options/choc",
                    RoutePatternParameterPart { Name: "documentName" } => "v1",
                    RoutePatternParameterPart { Name: "file" } => "0123456789abcdef0123.png",
                    _ => "x",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    public override string ToString() => $"{Method} {Pattern.RawText}";
}
