using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay;

/// <summary>
/// Makes the network limits hold across instances. Every <see cref="NetworkLimitOptions.SyncInterval"/>
/// an instance that takes submissions writes, per campaign action, the keys whose count here is above
/// the publish threshold (hot keys; usually none), and reads the hot keys the other instances wrote
/// for its campaigns; every <see cref="NetworkLimitOptions.HeartbeatInterval"/> it says it is alive and
/// counts the instances that did the same, which sets the threshold. A storage failure leaves the
/// last view in place and is tried again next time.
/// </summary>
public sealed class NetworkLimitSync(
    NetworkLimiter limiter, NetworkLimitStore store, IOptions<NetworkLimitOptions> options, TimeProvider time, ILogger<NetworkLimitSync> logger)
    : BackgroundService
{
    /// <summary>Rows are read a little past their window: the table's clock and ours may differ.</summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CleanEvery = TimeSpan.FromMinutes(10);
    private readonly NetworkLimitOptions settings = options.Value;
    private DateTimeOffset heartbeatAt = DateTimeOffset.MinValue;
    private DateTimeOffset cleanedAt = DateTimeOffset.MinValue;
    private DateTimeOffset warnedAt = DateTimeOffset.MinValue;

    /// <summary>This process's name in the table: new at every start, so a restarted instance's old counts still count.</summary>
    public string Instance { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Instances that took submissions within the last three heartbeats (this one included).</summary>
    public int Instances { get; private set; } = 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await limiter.WaitAsync(settings.SyncInterval, stoppingToken);
                await SyncAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var now = time.GetUtcNow();
                if (now - warnedAt < TimeSpan.FromMinutes(1)) continue;
                warnedAt = now;
                logger.LogWarning(ex, "Network limits could not be shared with the other instances; each counts alone until storage answers");
            }
        }
    }

    /// <summary>One round: heartbeat when due, publish hot keys, read the others', forget what is idle.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var active = limiter.Actions.Where(a => !limiter.TryRetire(a, now - IdleAfter)).ToList();
        if (active.Count == 0) return;

        if (now - heartbeatAt >= settings.HeartbeatInterval)
        {
            await store.SetHeartbeatAsync(Instance, cancellationToken);
            var counted = Math.Max(1, await store.CountInstancesAsync(now - 3 * settings.HeartbeatInterval - ClockSlack, cancellationToken));
            if (counted != Instances)
            {
                logger.LogInformation("Network limits: {Instances} instances take submissions", counted);
                Instances = counted;
            }
            heartbeatAt = now;
        }

        await Task.WhenAll(active.Select(a => PublishAsync(a, now, cancellationToken)));
        await Task.WhenAll(active.GroupBy(a => a.Slug).Select(g => ReadAsync(g.Key, [.. g], now, cancellationToken)));
        Trim(active, now);

        if (now - cleanedAt >= CleanEvery)
        {
            cleanedAt = now;
            await store.DeleteStaleAsync(now - TimeSpan.FromMinutes(CampaignEngine.Campaigns.CampaignProtection.MaxWindowMinutes) - ClockSlack, 1000, cancellationToken);
        }
    }

    private async Task PublishAsync(LimitedAction action, DateTimeOffset now, CancellationToken cancellationToken)
    {
        byte[] address, network;
        lock (action.Gate)
        {
            address = HotOf(action.Address, action.AddressLimit, now, sweep: now - action.SweptAt >= SweepEvery(action));
            network = HotOf(action.Network, action.NetworkLimit, now, sweep: now - action.SweptAt >= SweepEvery(action));
            if (now - action.SweptAt >= SweepEvery(action)) action.SweptAt = now;
        }

        var wasEmpty = (action.PublishedAddress?.Length ?? 0) + (action.PublishedNetwork?.Length ?? 0) == 0;
        if (address.Length + network.Length == 0)
        {
            if (wasEmpty) return;
            await store.DeleteHotKeysAsync(action.Slug, action.Action, Instance, cancellationToken);
        }
        else if (wasEmpty || now - action.PublishedAt >= KeepAlive
                 || !address.AsSpan().SequenceEqual(action.PublishedAddress) || !network.AsSpan().SequenceEqual(action.PublishedNetwork))
        {
            await store.SetHotKeysAsync(action.Slug, action.Action, Instance, address, network, cancellationToken);
        }
        else
        {
            return;
        }
        (action.PublishedAddress, action.PublishedNetwork, action.PublishedAt) = (address, network, now);
    }

    private byte[] HotOf(SlidingCounts? counts, CampaignEngine.Campaigns.NetworkLimit? limit, DateTimeOffset now, bool sweep)
    {
        if (counts is null || limit is null) return [];
        var bucket = counts.BucketAt(now);
        if (sweep) counts.Sweep(bucket);
        counts.SetPublishAbove(NetworkAllowance.PublishAbove(limit.Limit, Instances, settings.PublishAbove), bucket);
        return HotKeys.Encode(counts.Hot(bucket));
    }

    private async Task ReadAsync(string slug, List<LimitedAction> actions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var longest = actions.Max(a => Longest(a));
        var rows = await store.GetHotKeysAsync(slug, now - longest - ClockSlack, cancellationToken);
        foreach (var action in actions)
        {
            Dictionary<UInt128, int> address = [], network = [];
            foreach (var row in rows)
            {
                if (row.Action != action.Action || row.Instance == Instance) continue;
                // A row counts for a whole window after it was written: its instance may have stopped.
                if (action.AddressLimit is { } a && row.WrittenAt >= now - a.Window - ClockSlack) HotKeys.AddTo(row.Address, address);
                if (action.NetworkLimit is { } n && row.WrittenAt >= now - n.Window - ClockSlack) HotKeys.AddTo(row.Network, network);
            }
            action.Others = address.Count + network.Count == 0 ? PublishedCounts.Empty : new PublishedCounts(address, network);
        }
    }

    /// <summary>Past <see cref="NetworkLimitOptions.MaxKeys"/>, the coldest keys of the largest actions are forgotten.</summary>
    private void Trim(List<LimitedAction> actions, DateTimeOffset now)
    {
        var total = actions.Sum(a => a.Keys);
        if (total <= settings.MaxKeys) return;
        var excess = total - settings.MaxKeys * 9 / 10;
        foreach (var action in actions.OrderByDescending(a => a.Keys))
        {
            if (excess <= 0) break;
            lock (action.Gate)
            {
                foreach (var counts in new[] { action.Address, action.Network })
                {
                    if (counts is null || excess <= 0) continue;
                    excess -= counts.Evict(excess, counts.BucketAt(now));
                }
            }
        }
        logger.LogWarning("Network limits: over {MaxKeys} keys in memory; the coldest were forgotten", settings.MaxKeys);
    }

    private static TimeSpan Longest(LimitedAction action) =>
        TimeSpan.FromTicks(Math.Max(action.AddressLimit?.Window.Ticks ?? 0, action.NetworkLimit?.Window.Ticks ?? 0));

    /// <summary>Expired keys are dropped about once a bucket (a thirtieth of the window), at least every 10 s.</summary>
    private static TimeSpan SweepEvery(LimitedAction action) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks, Longest(action).Ticks / SlidingCounts.Buckets));
}
