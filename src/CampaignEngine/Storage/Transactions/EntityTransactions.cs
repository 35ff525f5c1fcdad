using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CampaignEngine.Storage.Transactions;

/// <summary>
/// Submits entity-group transactions to the Table service's <c>$batch</c> endpoint with a body
/// written in one pass (<see cref="TransactionBody"/>) and an answer read in one pass
/// (<see cref="TransactionOutcome"/>). It goes through an Azure.Core pipeline, so retries, timeouts
/// and Microsoft Entra ID tokens behave as in the SDK clients.
/// </summary>
public sealed class EntityTransactions
{
    private readonly HttpPipeline pipeline;
    private readonly Uri endpoint;
    private readonly Uri batchUri;

    public EntityTransactions(Uri endpoint, TableAuthentication authentication, Action<RetryOptions> configureRetry)
        : this(endpoint, authentication, configureRetry, transport: null)
    {
    }

    /// <summary>With <paramref name="transport"/> in place of HTTP (tests: what is sent, without a service).</summary>
    internal EntityTransactions(Uri endpoint, TableAuthentication authentication, Action<RetryOptions> configureRetry, HttpPipelineTransport? transport)
    {
        this.endpoint = endpoint;
        var sasQuery = authentication.SasToken is { Length: > 0 } sas ? "?" + sas.TrimStart('?') : "";
        batchUri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/$batch" + sasQuery);
        var options = new TransactionClientOptions();
        configureRetry(options.Retry);
        if (transport is not null) options.Transport = transport;
        HttpPipelinePolicy[] perRetry = authentication switch
        {
            { AccountKey: { } key } => [new SharedKeyLitePolicy(authentication.AccountName, key)],
            { Credential: { } credential } => [new BearerTokenAuthenticationPolicy(credential, "https://storage.azure.com/.default")],
            _ => [],
        };
        pipeline = HttpPipelineBuilder.Build(options, perRetry);
    }

    public async Task<TransactionOutcome> SubmitAsync(string table, IReadOnlyList<EntityChange> changes, CancellationToken cancellationToken = default)
    {
        if (changes.Count is 0 or > 100) throw new ArgumentOutOfRangeException(nameof(changes), changes.Count, "A transaction holds 1 to 100 changes.");
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(batchUri);
        request.Headers.SetValue("x-ms-version", "2019-02-02");
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", "application/json");
        request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batch);
        request.Content = RequestContent.Create(TransactionBody.Write(endpoint, table, changes, batch, changeset));
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        return TransactionOutcome.Parse(response.Status, response.Content.ToString(), changes.Count);
    }

    private sealed class TransactionClientOptions : ClientOptions;
}

/// <summary>How <see cref="EntityTransactions"/> signs its requests: an account key, a SAS token, or a token credential.</summary>
public sealed record TableAuthentication(string AccountName, byte[]? AccountKey = null, string? SasToken = null, TokenCredential? Credential = null);
