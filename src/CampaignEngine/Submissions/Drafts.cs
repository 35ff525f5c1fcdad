using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Submissions;

/// <summary>
/// Where a fan left a form of several pages (a survey's answers so far), kept per campaign and device so they can come
/// back on the same device and go on: table <c>drafts</c>, partition the campaign, row the participant key (a keyed hash
/// of the device, never personal data). Written on each step, deleted when the submission is accepted; a draft is
/// what the kind made of the input (<see cref="Kinds.SubmissionCheck.Draft"/>), opaque here.
/// </summary>
public sealed class Drafts(StorageClients clients, StorageNames names, TimeProvider time, ILogger<Drafts> logger)
{
    /// <summary>A string property holds 64 KiB (32,768 UTF-16 characters); a larger draft is not kept, and the fan only loses the resume.</summary>
    public const int MaxChars = 30_000;

    private const string DataProperty = "Data";

    private TableClient Table => clients.Tables.GetTableClient(names.DraftsTable);

    /// <summary>Keeps the draft; a failure costs the fan the resume, never their page.</summary>
    public async Task SaveAsync(string slug, string participant, string draft, CancellationToken cancellationToken)
    {
        if (draft.Length > MaxChars) return;
        try
        {
            await Table.UpsertEntityAsync(new TableEntity(slug, participant) { [DataProperty] = draft, ["At"] = time.GetUtcNow() },
                TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not keep a draft for {Campaign}", slug);
        }
    }

    public async Task<string?> FindAsync(string slug, string participant, CancellationToken cancellationToken)
    {
        try
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, participant, [DataProperty], cancellationToken);
            return row.HasValue ? row.Value!.GetString(DataProperty) : null;
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not read a draft for {Campaign}", slug);
            return null;
        }
    }

    public async Task DeleteAsync(string slug, string participant, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(slug, participant, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status != 404)
        {
            logger.LogWarning(ex, "Could not delete a draft for {Campaign}", slug);
        }
    }
}
