using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

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
        // Fans are waiting on these calls: retry a few times quickly rather than for many seconds.
        foreach (var retry in new[] { queueOptions.Retry, tableOptions.Retry })
        {
            retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            retry.MaxRetries = 3;
            retry.Delay = TimeSpan.FromMilliseconds(100);
            retry.MaxDelay = TimeSpan.FromSeconds(1);
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            Tables = new TableServiceClient(connectionString, tableOptions);
            Queues = new QueueServiceClient(connectionString, queueOptions);
            return;
        }

        var accountName = section["accountName"];
        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{StorageOptions.ConnectionName}' to a connection string " +
                $"or '{StorageOptions.ConnectionName}__accountName' to use a managed identity.");
        }

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })
            : new DefaultAzureCredential();
        Tables = new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential, tableOptions);
        Queues = new QueueServiceClient(new Uri($"https://{accountName}.queue.core.windows.net"), credential, queueOptions);
    }

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
}
