namespace CampaignEngine.Storage;

/// <summary>
/// Where the engine keeps its tables and queues. The connection is read from the
/// <c>CampaignStorage</c> setting, the same name the Functions queue triggers use, so one
/// setting serves both hosts: a connection string (Azurite, local) or, in Azure,
/// <c>CampaignStorage__accountName</c> plus a managed identity.
/// </summary>
public sealed class StorageOptions
{
    public const string ConnectionName = "CampaignStorage";

    /// <summary>Prepended to every table and queue name; lets tests and tenants share one account.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>
    /// How long start-up waits for storage to create the tables and queues. After that the engine
    /// serves anyway (<c>/healthz</c> says 503) and keeps trying in the background.
    /// </summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(10);
}
