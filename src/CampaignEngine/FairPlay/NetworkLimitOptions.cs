using System.ComponentModel.DataAnnotations;

namespace CampaignEngine.FairPlay;

/// <summary>Engine-wide settings of the per-campaign network limits (bound from <c>NetworkLimits</c>).</summary>
public sealed class NetworkLimitOptions
{
    public const string Section = "NetworkLimits";

    /// <summary>Off: no campaign's limits are enforced (a kill switch; campaigns keep their settings).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests from this machine are not counted: locally that is the operator, a test or a benchmark.
    /// Behind a proxy on this machine (the Functions host) the fan's address comes from X-Forwarded-For.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary>How often an instance publishes its hot keys and reads the other instances' (the bound grows with it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")] public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an instance that takes submissions says it is alive (the instance count comes from these).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")] public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The highest count a key may reach on one instance before it is published (lower for small limits and many instances).</summary>
    [Range(0, 1000)] public int PublishAbove { get; set; } = 8;

    /// <summary>Keys kept in memory, over all campaigns (about 50 bytes each); past it the coldest are forgotten.</summary>
    [Range(1_000, 50_000_000)] public int MaxKeys { get; set; } = 400_000;
}
