namespace CampaignEngine.Storage.Transactions;

/// <summary>The parts of a storage connection string that sign requests: the account key or a SAS token.</summary>
public static class StorageConnectionString
{
    // The emulator's published well-known key (UseDevelopmentStorage=true), not a secret.
    private const string EmulatorAccount = "devstoreaccount1";
    private const string EmulatorKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static TableAuthentication TableAuthentication(string connectionString, string accountName)
    {
        var parts = Parse(connectionString);
        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase))
        {
            return new TableAuthentication(EmulatorAccount, Convert.FromBase64String(EmulatorKey));
        }
        if (parts.TryGetValue("AccountKey", out var key) && key.Length > 0)
        {
            return new TableAuthentication(parts.TryGetValue("AccountName", out var name) ? name : accountName, Convert.FromBase64String(key));
        }
        if (parts.TryGetValue("SharedAccessSignature", out var sas) && sas.Length > 0)
        {
            return new TableAuthentication(accountName, SasToken: sas);
        }
        throw new InvalidOperationException("The storage connection string has neither an AccountKey nor a SharedAccessSignature.");
    }

    /// <summary>
    /// Whether the connection string leads to a blob service. One that spells out its queue or table
    /// endpoint but no BlobEndpoint (an Azurite started without its blob service) does not: the SDK
    /// would otherwise point the blob client at the public cloud's default host for that account.
    /// </summary>
    public static bool NamesBlobEndpoint(string connectionString)
    {
        var parts = Parse(connectionString);
        return parts.ContainsKey("BlobEndpoint")
            || parts.TryGetValue("UseDevelopmentStorage", out var dev) && string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase)
            || !parts.ContainsKey("QueueEndpoint") && !parts.ContainsKey("TableEndpoint");
    }

    public static Dictionary<string, string> Parse(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
}
