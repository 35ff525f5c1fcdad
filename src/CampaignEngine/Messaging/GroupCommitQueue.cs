using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Azure.Storage.Queues;

namespace CampaignEngine.Messaging;

/// <summary>
/// Group commit onto one queue. Callers hand in items and wait; the items of many concurrent
/// callers travel in one message, and every caller's task completes only once that message
/// is durably enqueued (or fails with the send's error, so nothing is half accepted).
/// A lone item goes out at once; while other sends are in flight, a group waits up to
/// <see cref="GroupCommitOptions.MaxWait"/> for company before it is sent, and up to
/// <see cref="GroupCommitOptions.BacklogMaxWait"/> while the queue is backed up: fuller messages
/// are what lets a lagging consumer catch up (each message costs it a receive and a delete).
/// With an <see cref="OutboxRoute"/>, a group whose queue has not answered within
/// <see cref="OutboxOptions.AnswerWithin"/> (or failed) is written to the table outbox too, and its
/// callers are answered as soon as either write holds; while the queue is stalled, groups go to the
/// outbox alone.
/// </summary>
public sealed class GroupCommitQueue : IAsyncDisposable
{
    private readonly QueueClient queue;
    private readonly GroupCommitOptions options;
    private readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim slots;
    private readonly Task pump;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task backlogProbe;
    private volatile bool backedUp;
    private volatile bool deeplyBackedUp;
    private readonly OutboxRoute? outbox;
    private int overdueSends;
    private long stalledUntilTicks;
    private long outboxWrites;
    private readonly LatencyCounts queueSends = new();
    private readonly LatencyCounts outboxInserts = new();
    private readonly LatencyCounts answered = new();

    public GroupCommitQueue(QueueClient queue, GroupCommitOptions options, OutboxRoute? outbox = null)
    {
        this.queue = queue;
        this.options = options;
        this.outbox = outbox is { Options.AnswerWithin.Ticks: > 0 } ? outbox : null;
        slots = new SemaphoreSlim(options.MaxConcurrentSends);
        pump = Task.Run(PumpAsync);
        backlogProbe = options.BacklogMessages > 0 ? Task.Run(ProbeBacklogAsync) : Task.CompletedTask;
    }

    /// <summary>True while the queue held more than <see cref="GroupCommitOptions.BacklogMessages"/> at the last look.</summary>
    public bool BackedUp => backedUp;

    public string QueueName => queue.Name;

    /// <summary>Groups written to the outbox since start (with or instead of the queue).</summary>
    public long OutboxWrites => Interlocked.Read(ref outboxWrites);

    /// <summary>How long queue sends and outbox inserts took, and how long callers waited for their answer.</summary>
    public SendTimings Timings => new(queueSends.Snapshot(), outboxInserts.Snapshot(), answered.Snapshot());

    /// <summary>Completes when the item is durably on the queue; throws if the send failed.</summary>
    public Task SendAsync<T>(T item)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(item, MessageJson.Options);
        if (json.Length + MessageJson.Prefix.Length + MessageJson.Suffix.Length > options.MaxBytes)
        {
            throw new ArgumentException("The item is larger than one queue message may be.", nameof(item));
        }
        var entry = new Pending(json, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        if (!pending.Writer.TryWrite(entry))
        {
            throw new ObjectDisposedException(nameof(GroupCommitQueue));
        }
        return entry.Done.Task;
    }

    private async Task PumpAsync()
    {
        var reader = pending.Reader;
        while (await reader.WaitToReadAsync())
        {
            await slots.WaitAsync();
            var group = new Group();
            Gather(reader, group);
            // While other sends are in flight, linger briefly for company: under steady load that
            // caps the message rate (the queue's real limit) without holding back a lone item.
            // While the queue is deeply backed up, always: a slow accept path (a ledger read per vote)
            // sends one message per few votes with no other send in flight, and a queue holding thousands
            // of small messages is what keeps the tally behind (Azurite's queue service spends its CPU
            // per message, and so does every receive and delete of the tally). Not at the first sign of
            // a backlog: a tally keeping up lets the queue touch a few hundred now and then, and lingering
            // then costs every answer (a third of the rate at 64 connections, measured).
            var linger = backedUp ? options.BacklogMaxWait : options.MaxWait;
            if ((deeplyBackedUp || slots.CurrentCount < options.MaxConcurrentSends - 1) && linger > TimeSpan.Zero)
            {
                await LingerAsync(reader, group, linger);
            }
            _ = SendGroupAsync(group.Items, group.Size);
        }
    }

    private async Task LingerAsync(ChannelReader<Pending> reader, Group group, TimeSpan wait)
    {
        using var linger = new CancellationTokenSource(wait);
        while (!group.Full)
        {
            try
            {
                if (!await reader.WaitToReadAsync(linger.Token)) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Gather(reader, group);
        }
    }

    private void Gather(ChannelReader<Pending> reader, Group group)
    {
        while (group.Items.Count < options.MaxItems && reader.TryPeek(out var next))
        {
            if (group.Items.Count > 0 && group.Size + next.Json.Length + 1 > options.MaxBytes)
            {
                group.Full = true;
                return;
            }
            reader.TryRead(out _);
            group.Items.Add(next);
            group.Size += next.Json.Length + 1;
        }
        group.Full |= group.Items.Count >= options.MaxItems;
    }

    private sealed class Group
    {
        public List<Pending> Items { get; } = [];
        public int Size { get; set; } = MessageJson.Prefix.Length + MessageJson.Suffix.Length;
        public bool Full { get; set; }
    }

    private async Task SendGroupAsync(List<Pending> group, int size)
    {
        var message = Compose(group, size);
        if (outbox is null)
        {
            try
            {
                await TimedSendAsync(message);
                Complete(group);
            }
            catch (Exception ex)
            {
                Fail(group, ex);
            }
            finally
            {
                slots.Release();
            }
            return;
        }
        await SendWithOutboxAsync(outbox, group, message);
    }

    private async Task SendWithOutboxAsync(OutboxRoute route, List<Pending> group, BinaryData message)
    {
        var slotHeld = true;
        void ReleaseSlot()
        {
            if (!slotHeld) return;
            slotHeld = false;
            slots.Release();
        }

        try
        {
            if (IsStalled(route))
            {
                // The queue is sitting on earlier sends: do not give it more to sit on.
                if (await TryOutboxAsync(route, message) is not null)
                {
                    Complete(group);
                    return;
                }
            }

            var send = TimedSendAsync(message);
            try
            {
                // WaitAsync drops its timer as soon as the send completes, unlike a Task.Delay per group.
                await send.WaitAsync(route.Options.AnswerWithin);
                Complete(group);
                return;
            }
            catch (Exception) when (!send.IsCompletedSuccessfully)
            {
                // Late (TimeoutException) or refused: the outbox below.
            }

            MarkStalled(route);
            Interlocked.Increment(ref overdueSends);
            try
            {
                var row = send.IsCompleted ? null : await TryOutboxAsync(route, message);
                if (row is null && send.IsFaulted)
                {
                    // The queue refused it outright: the outbox is the only path left.
                    row = await TryOutboxAsync(route, message);
                }
                if (row is not null)
                {
                    Complete(group);
                    ReleaseSlot();
                }

                try
                {
                    await send;
                    if (row is null) Complete(group);
                    // The queue has it after all: the outbox copy need not be drained.
                    else await route.Outbox.RemoveAsync(route.Queue, row);
                }
                catch (Exception ex)
                {
                    if (row is null) Fail(group, ex);
                }
            }
            finally
            {
                Interlocked.Decrement(ref overdueSends);
            }
        }
        catch (Exception ex)
        {
            Fail(group, ex);
        }
        finally
        {
            ReleaseSlot();
        }
    }

    private async Task<string?> TryOutboxAsync(OutboxRoute route, BinaryData message)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var row = await route.Outbox.AddAsync(route.Queue, message, route.Time.GetUtcNow());
            outboxInserts.RecordSince(started);
            Interlocked.Increment(ref outboxWrites);
            return row;
        }
        catch (Exception ex)
        {
            route.Logger.LogWarning("The outbox of {Queue} could not take a message either: {Reason}", route.Queue, ex.Message);
            return null;
        }
    }

    private async Task TimedSendAsync(BinaryData message)
    {
        var started = Stopwatch.GetTimestamp();
        await queue.SendMessageAsync(message);
        queueSends.RecordSince(started);
    }

    private bool IsStalled(OutboxRoute route) =>
        Volatile.Read(ref overdueSends) > 0 || route.Time.GetUtcNow().UtcTicks < Interlocked.Read(ref stalledUntilTicks);

    private void MarkStalled(OutboxRoute route)
    {
        var until = (route.Time.GetUtcNow() + route.Options.StallCooldown).UtcTicks;
        var before = Interlocked.Exchange(ref stalledUntilTicks, until);
        if (before < route.Time.GetUtcNow().UtcTicks)
        {
            route.Logger.LogWarning("Queue {Queue} did not answer within {AnswerWithin} ms: accepted items go to the outbox until it does",
                route.Queue, route.Options.AnswerWithin.TotalMilliseconds);
        }
    }

    private void Complete(List<Pending> group)
    {
        foreach (var item in group)
        {
            if (item.Done.TrySetResult()) answered.RecordSince(item.Arrived);
        }
    }

    private static void Fail(List<Pending> group, Exception ex)
    {
        foreach (var item in group) item.Done.TrySetException(ex);
    }

    private static BinaryData Compose(List<Pending> group, int size)
    {
        var buffer = new byte[size];
        var at = 0;
        MessageJson.Prefix.CopyTo(buffer);
        at += MessageJson.Prefix.Length;
        for (var i = 0; i < group.Count; i++)
        {
            if (i > 0) buffer[at++] = (byte)',';
            group[i].Json.CopyTo(buffer, at);
            at += group[i].Json.Length;
        }
        MessageJson.Suffix.CopyTo(buffer.AsSpan(at));
        at += MessageJson.Suffix.Length;
        return BinaryData.FromBytes(buffer.AsMemory(0, at));
    }

    /// <summary>One cheap look at the queue length per interval; a failed look changes nothing.</summary>
    private async Task ProbeBacklogAsync()
    {
        using var timer = new PeriodicTimer(options.BacklogProbeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                try
                {
                    var properties = await queue.GetPropertiesAsync(stopping.Token);
                    var length = properties.Value.ApproximateMessagesCount;
                    backedUp = length > options.BacklogMessages;
                    deeplyBackedUp = backedUp && length > options.DeepBacklogMessages;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage unavailable: the sends will say so; keep the last known state.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await backlogProbe;
        stopping.Dispose();
        pending.Writer.TryComplete();
        await pump;
        // Let sends already started finish so their callers get an answer.
        for (var i = 0; i < options.MaxConcurrentSends; i++) await slots.WaitAsync();
    }

    private sealed record Pending(byte[] Json, TaskCompletionSource Done, long Arrived);
}

/// <summary>Where a group commit queue's messages go when the queue is slow: the outbox, under the queue's logical name.</summary>
public sealed record OutboxRoute(QueueOutbox Outbox, string Queue, OutboxOptions Options, TimeProvider Time, ILogger Logger);

/// <summary>Durations of one group commit queue's writes and of its callers' waits.</summary>
public sealed record SendTimings(LatencySnapshot QueueSends, LatencySnapshot OutboxInserts, LatencySnapshot Answered);
