using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Azure.Storage.Queues;

namespace CampaignEngine.Messaging;

/// <summary>
/// Group commit onto one queue. Callers hand in items and wait; the items of many concurrent
/// callers travel in one message, and every caller's task completes only once that message
/// is durably enqueued (or fails with the send's error, so nothing is half accepted).
/// No timer is involved: an item waits only while earlier sends occupy every slot.
/// </summary>
public sealed class GroupCommitQueue : IAsyncDisposable
{
    private readonly QueueClient queue;
    private readonly GroupCommitOptions options;
    private readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim slots;
    private readonly Task pump;

    public GroupCommitQueue(QueueClient queue, GroupCommitOptions options)
    {
        this.queue = queue;
        this.options = options;
        slots = new SemaphoreSlim(options.MaxConcurrentSends);
        pump = Task.Run(PumpAsync);
    }

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
        var lastSend = 0L;
        while (await reader.WaitToReadAsync())
        {
            await slots.WaitAsync();
            if (options.MinSendInterval > TimeSpan.Zero)
            {
                // Pacing, not a batch timer: only a send that follows the previous one too closely waits.
                var wait = options.MinSendInterval - Stopwatch.GetElapsedTime(lastSend);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                lastSend = Stopwatch.GetTimestamp();
            }
            var group = new List<Pending>();
            var size = MessageJson.Prefix.Length + MessageJson.Suffix.Length;
            while (group.Count < options.MaxItems && reader.TryPeek(out var next)
                   && (group.Count == 0 || size + next.Json.Length + 1 <= options.MaxBytes))
            {
                reader.TryRead(out _);
                group.Add(next);
                size += next.Json.Length + 1;
            }
            _ = SendGroupAsync(group, size);
        }
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

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await pump;
        // Let sends already started finish so their callers get an answer.
        for (var i = 0; i < options.MaxConcurrentSends; i++) await slots.WaitAsync();
    }

    private sealed record Pending(byte[] Json, TaskCompletionSource Done);
}
