using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;

namespace CampaignEngine.IntegrationTests.Messaging;

/// <summary>Group commit against a real Azurite queue: sharing, bounds, failure and the lone item.</summary>
public sealed class GroupCommitQueueTests
{
    private sealed record Item(int N, string Padding = "");

    private static async Task<QueueClient> NewQueueAsync(bool create = true)
    {
        var azurite = await AzuriteServer.SharedAsync();
        var queue = new QueueClient(azurite.ConnectionString, "gc" + Guid.NewGuid().ToString("N")[..20],
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        if (create) await queue.CreateAsync();
        return queue;
    }

    private static async Task<List<List<Item>>> DrainAsync(QueueClient queue)
    {
        var messages = new List<List<Item>>();
        while (true)
        {
            QueueMessage[] batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0) return messages;
            messages.AddRange(batch.Select(m => Batch<Item>.Parse(m.Body.ToString()).Items.ToList()));
        }
    }

    [Fact]
    public async Task ConcurrentItemsShareMessagesAndEachArrivesOnce()
    {
        var queue = await NewQueueAsync();
        await using var group = new GroupCommitQueue(queue, new GroupCommitOptions { MaxConcurrentSends = 2 });

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(n => group.SendAsync(new Item(n))));

        var messages = await DrainAsync(queue);
        Assert.Equal(Enumerable.Range(0, 1000), messages.SelectMany(m => m).Select(i => i.N).Order());
        Assert.True(messages.Count < 100, $"1,000 concurrent items took {messages.Count} messages");
    }

    [Fact]
    public async Task SteadyTrafficFromWaitingCallersStillSharesMessages()
    {
        var queue = await NewQueueAsync();
        await using var group = new GroupCommitQueue(queue, new GroupCommitOptions());

        // Sixteen fans, each waiting for its answer before the next vote: moderate, steady load.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async fan =>
        {
            for (var i = 0; i < 25; i++) await group.SendAsync(new Item(fan * 100 + i));
        }));

        var messages = await DrainAsync(queue);
        Assert.Equal(400, messages.Sum(m => m.Count));
        Assert.True(messages.Count <= 200, $"400 items from 16 waiting callers took {messages.Count} messages");
    }

    [Fact]
    public async Task ABackedUpQueueIsNoticedAndItsEndToo()
    {
        var queue = await NewQueueAsync();
        var options = new GroupCommitOptions { BacklogMessages = 5, BacklogProbeInterval = TimeSpan.FromMilliseconds(50) };
        await using var group = new GroupCommitQueue(queue, options);
        Assert.False(group.BackedUp);

        for (var i = 0; i < 10; i++) await group.SendAsync(new Item(i));
        await Eventually.ReturnsAsync(() => Task.FromResult(group.BackedUp), b => b, TimeSpan.FromSeconds(10), "the backlog to be noticed");

        await queue.ClearMessagesAsync();
        await Eventually.ReturnsAsync(() => Task.FromResult(group.BackedUp), b => !b, TimeSpan.FromSeconds(10), "the end of the backlog to be noticed");
    }

    [Fact]
    public async Task NoMessageExceedsTheItemOrByteBound()
    {
        var queue = await NewQueueAsync();
        var options = new GroupCommitOptions { MaxItems = 25, MaxBytes = 2_000, MaxConcurrentSends = 1 };
        await using var group = new GroupCommitQueue(queue, options);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(n => group.SendAsync(new Item(n, new string('x', n % 90)))));

        var messages = await DrainAsync(queue);
        Assert.Equal(300, messages.Sum(m => m.Count));
        Assert.All(messages, m => Assert.InRange(m.Count, 1, options.MaxItems));
        Assert.All(messages, m => Assert.InRange(Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(new Batch<Item>(m), MessageJson.Options)), 1, options.MaxBytes));
        Assert.Contains(messages, m => m.Count > 1);
    }

    [Fact]
    public async Task AFailedSendFailsEveryCallerOfItsGroupAndWritesNothing()
    {
        var missing = await NewQueueAsync(create: false);
        await using var group = new GroupCommitQueue(missing, new GroupCommitOptions { MaxConcurrentSends = 1 });

        var sends = Enumerable.Range(0, 50).Select(n => group.SendAsync(new Item(n))).ToList();

        foreach (var send in sends)
        {
            var error = await Assert.ThrowsAsync<RequestFailedException>(() => send);
            Assert.Equal(404, error.Status);
        }
        await missing.CreateAsync();
        Assert.Empty(await DrainAsync(missing));
    }

    [Fact]
    public async Task WhileTheQueueIsDeeplyBackedUpItemsTrickledInOneByOneStillShareMessages()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 5; i++) await queue.SendMessageAsync("backlog");
        var options = new GroupCommitOptions
        {
            BacklogMessages = 2, DeepBacklogMessages = 3, BacklogProbeInterval = TimeSpan.FromMilliseconds(50), BacklogMaxWait = TimeSpan.FromMilliseconds(400),
        };
        await using var group = new GroupCommitQueue(queue, options);
        await Eventually.ReturnsAsync(() => Task.FromResult(group.BackedUp), b => b, TimeSpan.FromSeconds(10), "the backlog to be noticed");

        // One item every 10 ms, as a slow accept path sends them: no send is in flight when each arrives, so without the
        // deep backlog each would be a message of its own (10, measured before the change).
        var sends = new List<Task>();
        for (var i = 0; i < 10; i++)
        {
            sends.Add(group.SendAsync(new Item(i)));
            await Task.Delay(10);
        }
        await Task.WhenAll(sends);

        var messages = new List<List<Item>>();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value is { Length: > 0 } batch)
        {
            messages.AddRange(batch.Where(m => m.Body.ToString() != "backlog").Select(m => Batch<Item>.Parse(m.Body.ToString()).Items.ToList()));
        }
        Assert.Equal(Enumerable.Range(0, 10), messages.SelectMany(m => m).Select(i => i.N).Order());
        Assert.InRange(messages.Count, 1, 2);
    }

    [Fact]
    public async Task ALoneItemGoesOutAtOnceWithoutWaitingForCompany()
    {
        var queue = await NewQueueAsync();
        await using var group = new GroupCommitQueue(queue, new GroupCommitOptions());

        // Completes with no other traffic and no timer: the one item is its own message.
        await group.SendAsync(new Item(7));

        var messages = await DrainAsync(queue);
        Assert.Equal([7], messages.Single().Select(i => i.N));
    }

    [Fact]
    public async Task AnItemTooLargeForOneMessageIsRefusedUpFront()
    {
        var queue = await NewQueueAsync();
        await using var group = new GroupCommitQueue(queue, new GroupCommitOptions { MaxBytes = 1_000 });

        Assert.Throws<ArgumentException>(() => { _ = group.SendAsync(new Item(1, new string('x', 2_000))); });
        await group.SendAsync(new Item(2));
        Assert.Equal([2], (await DrainAsync(queue)).Single().Select(i => i.N));
    }
}
