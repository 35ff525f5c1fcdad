using System.Collections.Concurrent;
using CampaignEngine.Campaigns;
using CampaignEngine.Submissions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.FairPlay;

/// <summary>
/// The accept side of a campaign's network limits. <see cref="TryTake"/> counts a submission against
/// the fan's address and network, or refuses it, in memory and exactly for this instance; the
/// counts of the other instances arrive through <see cref="NetworkLimitSync"/>. No storage call
/// is made on the request path.
/// </summary>
public sealed class NetworkLimiter(VoterCookies cookies, TimeProvider time, IOptions<NetworkLimitOptions> options)
{
    private readonly ConcurrentDictionary<(string Slug, string Action), LimitedAction> actions = new();
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly NetworkLimitOptions settings = options.Value;

    public ICollection<LimitedAction> Actions => actions.Values;

    /// <summary>
    /// Counts the submission in, or refuses it with the time after which one more would fit. The
    /// returned ticket is handed to <see cref="Return"/> if the submission is not queued after all.
    /// </summary>
    public NetworkTicket TryTake(Campaign campaign, string action, HttpContext http) => TryTake(campaign, action, campaign.Protection, http);

    /// <summary>The same under limits of the caller's (a challenge's stricter fallback), counted as <paramref name="action"/>.</summary>
    public NetworkTicket TryTake(Campaign campaign, string action, ProtectionSettings protection, HttpContext http)
    {
        if (!protection.Any || !settings.Enabled || http.Connection.RemoteIpAddress is not { } ip) return default;
        if (settings.ExemptLoopback && NetworkKeys.IsLoopback(ip)) return default;

        Span<byte> scoped = stackalloc byte[NetworkKeys.MaxLength];
        var length = NetworkKeys.Write(ip, NetworkScope.Address, scoped);
        if (length == 0) return default;
        var addressKey = cookies.NetworkKey(campaign.Slug, scoped[..length]);
        length = NetworkKeys.Write(ip, NetworkScope.Network, scoped);
        var networkKey = cookies.NetworkKey(campaign.Slug, scoped[..length]);

        var now = time.GetUtcNow();
        while (true)
        {
            var state = actions.GetOrAdd((campaign.Slug, action), static (key, self) => self.Started(key), this);
            lock (state.Gate)
            {
                if (state.Retired) continue;
                Volatile.Write(ref state.LastUsedTicks, now.UtcTicks);
                state.Configure(protection, now);
                var others = state.Others;
                var wait = Refusal(state.Address, state.AddressLimit, addressKey, others.Address, now);
                wait = Max(wait, Refusal(state.Network, state.NetworkLimit, networkKey, others.Network, now));
                if (wait is not null) return new NetworkTicket(null, default, 0, default, 0, wait, 0);

                var addressBucket = state.Address?.BucketAt(now) ?? 0;
                var networkBucket = state.Network?.BucketAt(now) ?? 0;
                state.Address?.Add(addressKey, addressBucket);
                state.Network?.Add(networkKey, networkBucket);
                var networkCount = state.Network is null ? 0 : state.Network.CountOf(networkKey, networkBucket) + others.Network.GetValueOrDefault(networkKey);
                return new NetworkTicket(state, addressKey, addressBucket, networkKey, networkBucket, null, networkCount);
            }
        }
    }

    /// <summary>Takes back what <see cref="TryTake"/> counted, for a submission that was not queued.</summary>
    public void Return(NetworkTicket ticket)
    {
        if (ticket.State is not { } state) return;
        var now = time.GetUtcNow();
        lock (state.Gate)
        {
            state.Address?.Remove(ticket.AddressKey, ticket.AddressBucket, state.Address.BucketAt(now));
            state.Network?.Remove(ticket.NetworkKey, ticket.NetworkBucket, state.Network.BucketAt(now));
        }
    }

    /// <summary>Waits up to <paramref name="interval"/>, or less when a campaign action was seen here for the first time.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        await wake.WaitAsync(interval, cancellationToken);

    /// <summary>Drops an idle action (no counts left, not used for a while); a later request starts it afresh.</summary>
    public bool TryRetire(LimitedAction state, DateTimeOffset idleSince)
    {
        lock (state.Gate)
        {
            if (state.Keys > 0 || Volatile.Read(ref state.LastUsedTicks) >= idleSince.UtcTicks) return false;
            state.Retired = true;
            actions.TryRemove(new KeyValuePair<(string, string), LimitedAction>((state.Slug, state.Action), state));
            return true;
        }
    }

    private LimitedAction Started((string Slug, string Action) key)
    {
        // A new campaign action: read what the other instances know about it soon, not a whole interval from now.
        if (wake.CurrentCount == 0)
        {
            try { wake.Release(); }
            catch (SemaphoreFullException) { /* already woken */ }
        }
        return new LimitedAction(key.Slug, key.Action);
    }

    /// <summary>Null when one more fits; otherwise how long until one would by expiry alone (at least a second).</summary>
    private static TimeSpan? Refusal(SlidingCounts? counts, NetworkLimit? limit, UInt128 key, IReadOnlyDictionary<UInt128, int> others, DateTimeOffset now)
    {
        if (counts is null || limit is null) return null;
        var bucket = counts.BucketAt(now);
        var published = others.Count == 0 ? 0 : others.GetValueOrDefault(key);
        if (NetworkAllowance.Allows(limit.Limit, counts.CountOf(key, bucket), published)) return null;
        // When the others alone fill the limit, their counts expire as ours do: look again a bucket later.
        var buckets = counts.BucketsUntilAtMost(key, limit.Limit - published - 1, bucket) ?? 1;
        var wait = counts.StartOf(bucket + Math.Max(1, buckets)) - now;
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>
/// A counted submission (to take back if it is not queued), a refusal (<see cref="RetryAfter"/>), or nothing to count.
/// <see cref="NetworkCount"/>: the network's accepted submissions in the window, this one included, as far as this instance knows.
/// </summary>
public readonly record struct NetworkTicket(
    LimitedAction? State, UInt128 AddressKey, long AddressBucket, UInt128 NetworkKey, long NetworkBucket, TimeSpan? RetryAfter, int NetworkCount)
{
    public bool Refused => RetryAfter is not null;
}
