using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CampaignEngine.Kinds;
using CampaignEngine.Storage;

namespace CampaignEngine.Submissions;

/// <summary>
/// The files submissions carry, as the fan sent them, in the private uploads container until a queue function has
/// made what is served from them: <c>{slug}/{hash of the receipt}/{name}</c>, so a retried submission (same receipt)
/// writes the same blob, and nothing outside the engine can name one. Never served as they are.
/// </summary>
public sealed class SubmissionUploads(StorageClients clients, StorageNames names, ILogger<SubmissionUploads> logger)
{
    public static string PathOf(string slug, string receipt, string name) =>
        $"{slug}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("upload|" + receipt)))[..32]}/{name}";

    /// <summary>Stores every attachment of a submission; returns once all are durable.</summary>
    public Task StoreAsync(string slug, string receipt, IReadOnlyList<Attachment> attachments, CancellationToken cancellationToken) =>
        Task.WhenAll(attachments.Select(async a =>
        {
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = a.ContentType } };
            await Container.GetBlobClient(PathOf(slug, receipt, a.Name)).UploadAsync(BinaryData.FromBytes(a.Bytes), options, cancellationToken);
            logger.LogDebug("Stored upload {Name} of a submission to {Campaign} ({Bytes} bytes)", a.Name, slug, a.Bytes.Length);
        }));

    /// <summary>The attachment's bytes, or null once it is gone (taken and deleted by an earlier delivery).</summary>
    public async Task<BinaryData?> ReadAsync(string slug, string receipt, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await Container.GetBlobClient(PathOf(slug, receipt, name)).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task DeleteAsync(string slug, string receipt, string name, CancellationToken cancellationToken) =>
        Container.GetBlobClient(PathOf(slug, receipt, name)).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>How many uploads a campaign has waiting (for tests and the operator: nothing is left behind).</summary>
    public async Task<int> CountAsync(string slug, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = slug + "/" }, cancellationToken)) count++;
        return count;
    }

    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(names.UploadsContainer);
}
