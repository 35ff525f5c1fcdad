using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Azure.Storage.Queues;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.IntegrationTests.Messaging;

/// <summary>
/// The second durable path: a queue that does not answer (a socket that accepts and stays silent, as
/// Azurite's queue service does during its pauses) or refuses, with the outbox on a real Azurite table.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private sealed record Item(int N);

    private AzuriteServer azurite = null!;
    private StorageClients clients = null!;
    private StorageNames names = null!;
    private QueueOutbox outbox = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.SharedAsync();
        clients = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageOptions.ConnectionName] = azurite.ConnectionString }).Build());
        names = new StorageNames(Options.Create(new StorageOptions { Prefix = "ob" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)) }));
        await clients.Tables.CreateTableIfNotExistsAsync(names.OutboxTable);
        await clients.Queues.GetQueueClient(StorageNames.Poison(names.Queue("things"))).CreateIfNotExistsAsync();
        outbox = new QueueOutbox(clients, names);
    }

    public Task DisposeAsync() => clients.Tables.DeleteTableAsync(names.OutboxTable);

    private OutboxRoute Route(OutboxOptions? options = null) =>
        new(outbox, "things", options ?? new OutboxOptions(), TimeProvider.System, NullLogger.Instance);

    private async Task<List<OutboxRow>> RowsAsync() =>
        await outbox.WrittenBeforeAsync("things", DateTimeOffset.UtcNow.AddMinutes(1), 10_000).ToListAsync();

    private static QueueClient QueueAt(int port) =>
        new(new Uri($"http://127.0.0.1:{port}/devstoreaccount1/things"), new QueueClientOptions
        {
            MessageEncoding = QueueMessageEncoding.Base64,
            Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(60) },
        });

    [Fact]
    public async Task ItemsForAQueueThatDoesNotAnswerAreAnsweredFromTheOutboxEachOnce()
    {
        using var silent = new SilentServer();
        await using var group = new GroupCommitQueue(QueueAt(silent.Port), new GroupCommitOptions { MaxConcurrentSends = 4 }, Route());

        // Without the outbox these would wait a minute for the network timeout.
        await Task.WhenAll(Enumerable.Range(0, 300).Select(n => group.SendAsync(new Item(n)))).WaitAsync(TimeSpan.FromSeconds(20));

        var rows = await RowsAsync();
        var items = rows.SelectMany(r => Batch<Item>.Parse(r.Body.ToString()).Items).Select(i => i.N).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 300), items);
        Assert.Equal(rows.Count, group.OutboxWrites);
        Assert.True(silent.Connections > 0, "the queue was never tried");
        // The timings say where the wait went: every caller answered, every answer from an insert, no send finished.
        var timings = group.Timings;
        Assert.Equal(300, timings.Answered.Counts.Sum());
        Assert.Equal(rows.Count, timings.OutboxInserts.Counts.Sum());
        Assert.Equal(0, timings.QueueSends.Counts.Sum());
    }

    [Fact]
    public async Task ItemsForAQueueThatRefusesAreAnsweredFromTheOutbox()
    {
        var closed = AzuriteServer.FreePort();
        await using var group = new GroupCommitQueue(QueueAt(closed), new GroupCommitOptions(), Route());

        await Task.WhenAll(Enumerable.Range(0, 50).Select(n => group.SendAsync(new Item(n)))).WaitAsync(TimeSpan.FromSeconds(20));

        var items = (await RowsAsync()).SelectMany(r => Batch<Item>.Parse(r.Body.ToString()).Items).Select(i => i.N).Order();
        Assert.Equal(Enumerable.Range(0, 50), items);
    }

    [Fact]
    public async Task AHealthyQueueTakesEverythingAndTheOutboxStaysEmpty()
    {
        var queue = new QueueClient(azurite.ConnectionString, names.Queue("things"), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await using var group = new GroupCommitQueue(queue, new GroupCommitOptions(), Route(new OutboxOptions { AnswerWithin = TimeSpan.FromSeconds(10) }));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(n => group.SendAsync(new Item(n))));

        Assert.Empty(await RowsAsync());
        Assert.Equal(0, group.OutboxWrites);
        Assert.Equal(200, group.Timings.Answered.Counts.Sum());
        Assert.Equal(0, group.Timings.OutboxInserts.Counts.Sum());
        Assert.InRange(group.Timings.QueueSends.Counts.Sum(), 1, 200);
        Assert.True((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0);
    }

    [Fact]
    public async Task WhenBothPathsFailTheCallerIsToldAndNothingIsHalfAccepted()
    {
        var closed = AzuriteServer.FreePort();
        var nowhere = new StorageClients(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = azurite.ConnectionString.Replace($":{azurite.TablePort}/", $":{closed}/"),
        }).Build());
        var deadOutbox = new QueueOutbox(nowhere, names);
        await using var group = new GroupCommitQueue(QueueAt(closed), new GroupCommitOptions(),
            new OutboxRoute(deadOutbox, "things", new OutboxOptions(), TimeProvider.System, NullLogger.Instance));

        await Assert.ThrowsAnyAsync<Exception>(() => group.SendAsync(new Item(1)).WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task TheDrainerRunsEachRowThroughItsQueueFunctionOnceAndDeletesIt()
    {
        var function = new RecordingFunction();
        var drainer = Drainer(function, new OutboxOptions { DrainAfter = TimeSpan.Zero });
        foreach (var n in Enumerable.Range(0, 5))
        {
            await outbox.AddAsync("things", BinaryData.FromString($"{{\"items\":[{{\"n\":{n}}}]}}"), DateTimeOffset.UtcNow);
        }

        Assert.Equal(5, await drainer.DrainOnceAsync(CancellationToken.None));
        Assert.Equal(0, await drainer.DrainOnceAsync(CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, 5), function.Seen.SelectMany(t => Batch<Item>.Parse(t).Items).Select(i => i.N).Order());
        Assert.Empty(await RowsAsync());
    }

    [Fact]
    public async Task ARowYoungerThanDrainAfterIsLeftForItsWriter()
    {
        var function = new RecordingFunction();
        var drainer = Drainer(function, new OutboxOptions { DrainAfter = TimeSpan.FromMinutes(5) });
        await outbox.AddAsync("things", BinaryData.FromString("""{"items":[{"n":1}]}"""), DateTimeOffset.UtcNow);

        Assert.Equal(0, await drainer.DrainOnceAsync(CancellationToken.None));
        Assert.Empty(function.Seen);
        Assert.Single(await RowsAsync());
    }

    [Fact]
    public async Task ARowThatKeepsFailingIsRetriedAfterItsLeaseThenPoisoned()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var function = new RecordingFunction { Fail = text => text.Contains("bad", StringComparison.Ordinal) };
        var options = new OutboxOptions { DrainAfter = TimeSpan.Zero, MaxAttempts = 2, Lease = TimeSpan.FromSeconds(30) };
        var drainer = Drainer(function, options, clock);
        await outbox.AddAsync("things", BinaryData.FromString("""{"items":[],"bad":true}"""), clock.GetUtcNow());
        await outbox.AddAsync("things", BinaryData.FromString("""{"items":[{"n":7}]}"""), clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await drainer.DrainOnceAsync(CancellationToken.None));
        // Leased: a pass inside the lease leaves it alone.
        Assert.Equal(0, await drainer.DrainOnceAsync(CancellationToken.None));
        Assert.Equal(1, function.Failures);
        clock.Advance(options.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await drainer.DrainOnceAsync(CancellationToken.None));
        Assert.Equal(2, function.Failures);
        clock.Advance(options.Lease + TimeSpan.FromSeconds(1));
        await drainer.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(2, function.Failures);
        Assert.Empty(await RowsAsync());
        var poison = clients.Queues.GetQueueClient(StorageNames.Poison(names.Queue("things")));
        var poisoned = (await poison.ReceiveMessagesAsync(10)).Value;
        Assert.Equal("""{"items":[],"bad":true}""", Assert.Single(poisoned).Body.ToString());
    }

    [Fact]
    public async Task ADrainerStoppedMidPassHasChargedAnAttemptOnlyToTheRowsItHadLeased()
    {
        // 40 rows, leased 16 at a time; the pass is stopped as the second chunk runs (as a killed drainer
        // stops): the first chunk is done, the second charged once, the third never leased.
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var function = new RecordingFunction
        {
            Fail = _ =>
            {
                if (Interlocked.Increment(ref calls) != 17) return false;
                stop.Cancel();
                throw new OperationCanceledException(stop.Token);
            },
        };
        var drainer = Drainer(function, new OutboxOptions { DrainAfter = TimeSpan.Zero, LeaseChunk = 16, Lease = TimeSpan.FromMilliseconds(1) });
        foreach (var n in Enumerable.Range(0, 40))
        {
            await outbox.AddAsync("things", BinaryData.FromString($"{{\"items\":[{{\"n\":{n}}}]}}"), DateTimeOffset.UtcNow);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drainer.DrainOnceAsync(stop.Token));

        var left = await RowsAsync();
        Assert.True(left.Count <= 24, "the first chunk was drained");
        Assert.All(left, r => Assert.InRange(r.Attempts, 0, 1));
        Assert.True(left.Count(r => r.Attempts == 0) >= 8, "the third chunk was never leased");
        Assert.True(left.Count(r => r.Attempts == 1) <= 16, "no more than one chunk was charged");

        // The next pass drains the rest, each row once more at most.
        await drainer.DrainOnceAsync(CancellationToken.None);
        Assert.Empty(await RowsAsync());
        Assert.Equal(Enumerable.Range(0, 40), function.Seen.SelectMany(t => Batch<Item>.Parse(t).Items).Select(i => i.N).Distinct().Order());
    }

    private OutboxDrainer Drainer(IQueueFunction function, OutboxOptions options, TimeProvider? time = null) =>
        new(outbox, [function], clients, names, Options.Create(options), time ?? TimeProvider.System, NullLogger<OutboxDrainer>.Instance);

    private sealed class RecordingFunction : IQueueFunction
    {
        private int failures;
        public ConcurrentBag<string> Seen { get; } = [];
        public Func<string, bool> Fail { get; init; } = _ => false;
        public int Failures => failures;
        public string Name => "Things";
        public string Queue => "things";

        public Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
        {
            if (Fail(invocation.MessageText))
            {
                Interlocked.Increment(ref failures);
                throw new InvalidOperationException("this one always fails");
            }
            Seen.Add(invocation.MessageText);
            return Task.CompletedTask;
        }
    }
}
