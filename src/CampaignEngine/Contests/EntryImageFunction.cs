using CampaignEngine.Hosting;
using CampaignEngine.Media;
using CampaignEngine.Messaging;
using CampaignEngine.Storage;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>
/// The <c>entry-images</c> queue function: re-encodes an entry's photo as the fan sent it (orientation applied,
/// metadata gone, a display size and a thumbnail, each as WebP and JPEG), stores the renditions under content-addressed
/// names, points the entry's row at them and then deletes the upload. Redelivered, it finds the upload gone and the
/// entry ready, and does nothing.
/// </summary>
public sealed class EntryImageFunction(SubmissionUploads uploads, MediaStore media, EntryStore entries, ILogger<EntryImageFunction> logger)
    : IQueueFunction
{
    // A photo in work holds its upload and a few full-size bitmaps (tens of MB): a batch of messages takes turns, one
    // per core, so a burst of photos costs time rather than memory.
    private static readonly SemaphoreSlim Working = new(Math.Max(1, Environment.ProcessorCount));
    private long processed;

    public string Name => "EntryImages";
    public string Queue => QueueNames.EntryImages;

    /// <summary>Photos this instance has re-encoded since it started (the bench reads it).</summary>
    public long Processed => Interlocked.Read(ref processed);

    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        foreach (var job in Batch<EntryImageJob>.Parse(invocation.MessageText).Items)
        {
            await Working.WaitAsync(cancellationToken);
            try
            {
                await ProcessAsync(job, cancellationToken);
            }
            finally
            {
                Working.Release();
            }
        }
    }

    private async Task ProcessAsync(EntryImageJob job, CancellationToken cancellationToken)
    {
        var upload = await uploads.ReadAsync(job.Slug, job.Receipt, EntryPhotos.Attachment, cancellationToken);
        if (upload is null)
        {
            // Gone: an earlier delivery finished (it points the row before it deletes), or the upload expired unprocessed.
            var entry = await entries.GetAsync(job.Slug, job.EntryId, cancellationToken);
            if (entry?.Photo is { Ready: false }) await SetPhotoAsync(job, EntryPhoto.Failed, cancellationToken);
            return;
        }

        var result = ImageSanitizer.Renditions(upload.ToMemory(), EntryPhotos.Display, EntryPhotos.ThumbnailEdge);
        if (!result.Succeeded)
        {
            // It decoded when it was accepted, so this is storage handing back other bytes, or a codec bug: keep it out of the gallery.
            logger.LogWarning("The photo of entry {Entry} of {Campaign} could not be re-encoded ({Problem})", job.EntryId, job.Slug, result.Problem);
            await SetPhotoAsync(job, EntryPhoto.Failed, cancellationToken);
        }
        else
        {
            var folder = job.Slug + "/entries";
            var images = result.Images;
            var paths = images.All.Select(image => MediaPaths.For(folder, image)).ToList();
            await Task.WhenAll(images.All.Zip(paths, (image, path) => media.SetImageAsync(path, image, cancellationToken)));
            await SetPhotoAsync(job, EntryPhoto.Of(paths, images), cancellationToken);
            Interlocked.Increment(ref processed);
        }
        await uploads.DeleteAsync(job.Slug, job.Receipt, EntryPhotos.Attachment, cancellationToken);
    }

    private async Task SetPhotoAsync(EntryImageJob job, EntryPhoto photo, CancellationToken cancellationToken)
    {
        var found = await entries.ChangeAsync(job.Slug, job.EntryId, row =>
        {
            // A moderator's delete took the entry's content away; its photo is not brought back.
            if (row.GetString("Status") == EntryStatus.Deleted) return false;
            EntryStore.WritePhoto(row, photo);
            return true;
        }, cancellationToken);
        // The row is written before the job is queued; none means the entries table lost it: retry, then poison.
        if (!found) throw new InvalidOperationException($"Entry {job.EntryId} of {job.Slug} has no row for its photo.");
    }
}
