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

    public GroupCommitQueue(QueueClient queue, GroupCommitOptions options)
    {
        this.queue = queue;
        this.options = options;
        slots = new SemaphoreSlim(options.MaxConcurrentSends);
        pump = Task.Run(PumpAsync);
        backlogProbe = options.BacklogMessages > 0 ? Task.Run(ProbeBacklogAsync) : Task.CompletedTask;
    }

    /// <summary>True while the queue held more than <see cref="GroupCommitOptions.BacklogMessages"/> at the last look.</summary>
    public bool BackedUp => backedUp;

    public string QueueName => queue.Name;

    /// <summary>Completes when the item is durably on the queue; throws if the send failed.</summary>
    public Task SendAsync<T>(T item)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(item, MessageJson.Options);
        if (json.Length + MessageJson.Prefix.Length + MessageJson.Suffix.Length > options.MaxBytes)
        {
            throw new ArgumentException("The item is larger than one queue message may be.", nameof(item));
        }
        var entry = new Pending(json, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
            var linger = backedUp ? options.BacklogMaxWait : options.MaxWait;
            if (slots.CurrentCount < options.MaxConcurrentSends - 1 && linger > TimeSpan.Zero)
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
        try
        {
            await queue.SendMessageAsync(Compose(group, size));
            foreach (var item in group) item.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            foreach (var item in group) item.Done.TrySetException(ex);
        }
        finally
        {
            slots.Release();
        }
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
                    backedUp = properties.Value.ApproximateMessagesCount > options.BacklogMessages;
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

    private sealed record Pending(byte[] Json, TaskCompletionSource Done);
}
