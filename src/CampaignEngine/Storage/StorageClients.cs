using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CampaignEngine.Storage.Transactions;

namespace CampaignEngine.Storage;

/// <summary>
/// The SDK clients, created once. Queue messages are base64-encoded because that is what
/// the Azure Functions queue trigger reads by default; both hosts must agree.
/// </summary>
public sealed class StorageClients
{
    public StorageClients(IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageOptions.ConnectionName);
        var connectionString = section.Value;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        ConfigureRetry(queueOptions.Retry);
        ConfigureRetry(tableOptions.Retry);
        ConfigureRetry(blobOptions.Retry);

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            Tables = new TableServiceClient(connectionString, tableOptions);
            Queues = new QueueServiceClient(connectionString, queueOptions);
            Transactions = new EntityTransactions(Tables.Uri, StorageConnectionString.TableAuthentication(connectionString, Tables.AccountName), ConfigureRetry);
            if (StorageConnectionString.NamesBlobEndpoint(connectionString)) blobs = new BlobServiceClient(connectionString, blobOptions);
            return;
        }

        // Identity-based connection, in the shape the Functions host reads for `connection:
        // CampaignStorage`: <name>__accountName, or explicit <name>__tableServiceUri /
        // <name>__queueServiceUri / <name>__blobServiceUri (other clouds, custom domains), plus
        // optional <name>__clientId.
        var accountName = section["accountName"];
        var tableUri = ServiceUri(section["tableServiceUri"], accountName, "table");
        var queueUri = ServiceUri(section["queueServiceUri"], accountName, "queue");
        var blobUri = ServiceUri(section["blobServiceUri"], accountName, "blob");
        if (tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{StorageOptions.ConnectionName}' to a connection string " +
                $"(local: Azurite), or '{StorageOptions.ConnectionName}__accountName' to use a managed identity " +
                $"(Azure; or both '{StorageOptions.ConnectionName}__tableServiceUri' and '{StorageOptions.ConnectionName}__queueServiceUri'). " +
                "Environment variables, command-line arguments and local.settings.json (Values) are read.");
        }

        // `credential: managedidentity` (what the Functions host reads too) pins the managed identity;
        // without it DefaultAzureCredential also accepts a developer's az/azd sign-in.
        var clientId = section["clientId"] is { Length: > 0 } id ? id : null;
        TokenCredential credential;
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            credential = new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
            Authentication = StorageAuthentication.ManagedIdentity;
        }
        else
        {
            credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
            Authentication = StorageAuthentication.DefaultAzureCredential;
        }
        Tables = new TableServiceClient(tableUri, credential, tableOptions);
        Queues = new QueueServiceClient(queueUri, credential, queueOptions);
        Transactions = new EntityTransactions(tableUri, new TableAuthentication(Tables.AccountName, Credential: credential), ConfigureRetry);
        if (blobUri is not null) blobs = new BlobServiceClient(blobUri, credential, blobOptions);
    }

    private readonly BlobServiceClient? blobs;

    // Fans are waiting on these calls: retry a few times quickly rather than for many seconds.
    private static void ConfigureRetry(RetryOptions retry)
    {
        retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(100);
        retry.MaxDelay = TimeSpan.FromSeconds(1);
    }

    /// <summary>How the clients authenticate: a connection string, or Microsoft Entra ID through a token credential.</summary>
    public StorageAuthentication Authentication { get; } = StorageAuthentication.ConnectionString;

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }

    /// <summary>Whether a blob endpoint is configured. Only images need one; the engine runs without.</summary>
    public bool HasBlobs => blobs is not null;

    /// <summary>The blob service (images). Throws when no blob endpoint is configured.</summary>
    public BlobServiceClient Blobs => blobs ?? throw new InvalidOperationException(
        "Blob storage is not configured, so images cannot be stored or read: the connection string " +
        $"'{StorageOptions.ConnectionName}' names queue/table endpoints but no BlobEndpoint, or neither " +
        $"'{StorageOptions.ConnectionName}__accountName' nor '{StorageOptions.ConnectionName}__blobServiceUri' is set.");

    /// <summary>Entity-group transactions without the SDK's per-action overhead (the tally's hot path).</summary>
    public EntityTransactions Transactions { get; }

    private static Uri? ServiceUri(string? configured, string? accountName, string service) =>
        configured is { Length: > 0 } ? new Uri(configured)
        : accountName is { Length: > 0 } ? new Uri($"https://{accountName}.{service}.core.windows.net")
        : null;
}

public enum StorageAuthentication
{
    /// <summary>A connection string (account key or SAS): Azurite and local runs.</summary>
    ConnectionString,

    /// <summary><c>ManagedIdentityCredential</c> (<c>CampaignStorage__credential=managedidentity</c>): Azure.</summary>
    ManagedIdentity,

    /// <summary><c>DefaultAzureCredential</c>: a managed identity in Azure, your az/azd sign-in elsewhere.</summary>
    DefaultAzureCredential,
}
