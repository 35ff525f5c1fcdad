namespace CampaignEngine.Benchmarks;

/// <summary>
/// Engine settings passed through from the environment as BENCH_ENGINE_&lt;Setting&gt;=value
/// (e.g. BENCH_ENGINE_GroupCommit__MaxConcurrentSends=2), for trying tunings without editing code.
/// </summary>
public static class BenchSettings
{
    private const string Prefix = "BENCH_ENGINE_";

    public static IEnumerable<KeyValuePair<string, string>> FromEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => (Key: (string)e.Key, Value: (string?)e.Value ?? ""))
            .Where(e => e.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(e => KeyValuePair.Create(e.Key[Prefix.Length..], e.Value));
}
