using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CampaignEngine.Storage;

namespace CampaignEngine.Media;

/// <summary>
/// Sanitized images in the blob container <see cref="StorageNames.MediaContainer"/>, under
/// content-addressed paths from <see cref="MediaPaths.For"/>. Blobs are private; the engine serves them.
/// </summary>
public sealed class MediaStore(StorageClients clients, StorageNames names, ILogger<MediaStore> logger)
{
    /// <summary>A path names one content forever, so browsers and CDNs may keep it a year without asking again.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Stores the image under <paramref name="path"/>, which must be <see cref="MediaPaths.For"/> of this image.</summary>
    /// <exception cref="ArgumentException">The path is not this image's content-addressed path.</exception>
    /// <exception cref="InvalidOperationException">No blob endpoint is configured.</exception>
    public async Task SetImageAsync(string path, SanitizedImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        // The immutable cache header is only true if a path can never hold other bytes.
        if (!MediaPaths.Names(path, image)) throw new ArgumentException("The path must be MediaPaths.For(folder, image) of this image.", nameof(path));

        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = image.ContentType, CacheControl = ImmutableCacheControl },
            // Same path, same bytes: an existing blob is already right, and keeping it keeps its ETag.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await Container.GetBlobClient(path).UploadAsync(BinaryData.FromBytes(image.Bytes), options, cancellationToken);
            logger.LogInformation("Stored image {Path} ({Bytes} bytes, {Width}x{Height})", path, image.Bytes.Length, image.Width, image.Height);
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            logger.LogDebug("Image {Path} was already stored", path);
        }
    }

    /// <summary>The image at <paramref name="path"/>, or null when there is none (or the path is not an image path).</summary>
    public async Task<StoredImage?> GetImageAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!MediaPaths.IsValid(path)) return null;
        try
        {
            var download = (await Container.GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value;
            return new StoredImage(download.Content.ToMemory(), download.Details.ContentType, download.Details.ETag, download.Details.CacheControl);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Deletes the image; nothing happens when there is none.</summary>
    public async Task DeleteImageAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!MediaPaths.IsValid(path)) return;
        await Container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>The answer for a stored image: its bytes and ETag, cached for a year (its path names its content), never sniffed.</summary>
    public static IResult Serve(StoredImage image, HttpResponse response)
    {
        response.Headers.CacheControl = ImmutableCacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(image.Bytes.ToArray(), image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(image.ETag.ToString("H")));
    }

    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(names.MediaContainer);
}
