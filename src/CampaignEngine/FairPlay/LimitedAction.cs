using CampaignEngine.Campaigns;

namespace CampaignEngine.FairPlay;

/// <summary>
/// One action of one campaign on this instance: its exact counts per address and per network (under
/// <see cref="Gate"/>), what the other instances last published for it, and what this one last
/// published. Each action is counted on its own: a contest's entries do not use up its votes.
/// </summary>
public sealed class LimitedAction(string slug, string action)
{
    public string Slug { get; } = slug;
    public string Action { get; } = action;
    public Lock Gate { get; } = new();

    // Guarded by Gate.
    public SlidingCounts? Address { get; private set; }
    public SlidingCounts? Network { get; private set; }
    public NetworkLimit? AddressLimit { get; private set; }
    public NetworkLimit? NetworkLimit { get; private set; }

    /// <summary>Set (under <see cref="Gate"/>) when the sync dropped it as idle; a request that finds it so starts a new one.</summary>
    public bool Retired { get; set; }

    /// <summary>The other instances' published counts; replaced whole by the sync.</summary>
    public PublishedCounts Others { get; set; } = PublishedCounts.Empty;

    public long LastUsedTicks;

    // The sync's own bookkeeping.
    public byte[]? PublishedAddress { get; set; }
    public byte[]? PublishedNetwork { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset SweptAt { get; set; }

    /// <summary>Follows the campaign's current settings: a limit turned off drops its counts, a new window keeps them.</summary>
    public void Configure(ProtectionSettings protection, DateTimeOffset now)
    {
        if (protection.PerAddress != AddressLimit)
        {
            Address = Follow(Address, protection.PerAddress, now);
            AddressLimit = protection.PerAddress;
        }
        if (protection.PerNetwork != NetworkLimit)
        {
            Network = Follow(Network, protection.PerNetwork, now);
            NetworkLimit = protection.PerNetwork;
        }
    }

    public int Keys => (Address?.Keys ?? 0) + (Network?.Keys ?? 0);

    private static SlidingCounts? Follow(SlidingCounts? counts, NetworkLimit? limit, DateTimeOffset now) => limit switch
    {
        null => null,
        _ when counts is null => new SlidingCounts(limit.Window),
        _ when counts.Window != limit.Window => counts.Resized(limit.Window, now),
        _ => counts,
    };
}

/// <summary>What the other instances published for one action, summed per key.</summary>
public sealed record PublishedCounts(IReadOnlyDictionary<UInt128, int> Address, IReadOnlyDictionary<UInt128, int> Network)
{
    public static readonly PublishedCounts Empty = new(new Dictionary<UInt128, int>(), new Dictionary<UInt128, int>());
}
