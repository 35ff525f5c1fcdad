using System.ComponentModel.DataAnnotations;

namespace CampaignEngine;

/// <summary>Engine-wide settings, bound from the <c>CampaignEngine</c> configuration section.</summary>
public sealed class EngineOptions
{
    public const string Section = "CampaignEngine";

    /// <summary>The admin API key. Kept only as a hash in memory; never logged.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Hex SHA-256 hashes of further admin keys, so deployments need not hold the key itself.</summary>
    public List<string> AdminApiKeyHashes { get; set; } = [];

    /// <summary>Signs the fans' device cookies. Falls back to a key derived from the admin key.</summary>
    public string? CookieSecret { get; set; }

    /// <summary>The public origin used in links and QR codes (e.g. https://vote.example.com); taken from the request when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Tally shards given to new campaigns; each shard is one storage partition.</summary>
    [Range(1, 256)] public int DefaultShards { get; set; } = 16;

    public TimeSpan CampaignCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long results are served from memory before the shards are read again.</summary>
    public TimeSpan ResultsCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest request body accepted on the API and fan endpoints.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
