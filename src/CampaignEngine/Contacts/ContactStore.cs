using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Contacts;

/// <summary>
/// Contacts are kept per campaign (partition = slug) under their keyed hash (<see cref="ContactKeys"/>);
/// each marketing consent is appended as its own row keyed by the submission's receipt, so redelivery
/// adds nothing (<see cref="ContactRows"/>).
/// </summary>
public sealed class ContactStore(StorageClients clients, StorageNames names, ContactKeys keys)
{
    private const string CampaignColumn = "PurposeCampaign";
    private const string MarketingColumn = "PurposeMarketing";

    private TableClient Table => clients.Tables.GetTableClient(names.ContactsTable);

    public async Task SetContactAsync(ContactSubmitted contact, CancellationToken cancellationToken = default)
    {
        var key = keys.Of(contact.Email);
        var person = new TableEntity(contact.Slug, "contact|" + key)
        {
            ["Email"] = contact.Email,
            ["UpdatedAt"] = contact.At,
        };
        if (contact.Name is not null) person["Name"] = contact.Name;
        // Purposes are only ever written as true: a merge then never takes one away, whatever arrives later.
        if (contact.ForCampaign) person[CampaignColumn] = true;
        if (contact.Marketing) person[MarketingColumn] = true;

        if (!contact.Marketing)
        {
            await Table.UpsertEntityAsync(person, TableUpdateMode.Merge, cancellationToken);
            return;
        }

        var text = contact.ConsentText ?? "";
        var consent = new TableEntity(contact.Slug, $"consent|{key}|{contact.Receipt}")
        {
            ["ContactKey"] = key,
            ["GivenAt"] = contact.At.UtcDateTime,
            ["ConsentText"] = text,
            ["ConsentTextSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            ["Campaign"] = contact.Slug,
            ["Source"] = contact.Source,
            ["Receipt"] = contact.Receipt,
        };
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertMerge, person),
                new TableTransactionAction(TableTransactionActionType.Add, consent),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == 1)
        {
            // This consent is already recorded: a redelivery, or a retry whose first attempt landed.
        }
    }

    /// <summary>A campaign's contacts, oldest first; with a <paramref name="purpose"/>, only those whose details may be used for it.</summary>
    public async Task<IReadOnlyList<ContactRecord>> GetContactsAsync(string slug, string? purpose = null, CancellationToken cancellationToken = default)
    {
        var people = new List<(string Key, TableEntity Row)>();
        var consents = new Dictionary<string, List<ConsentRecord>>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith("contact|", StringComparison.Ordinal))
            {
                people.Add((row.RowKey["contact|".Length..], row));
            }
            else if (row.RowKey.StartsWith("consent|", StringComparison.Ordinal))
            {
                var key = row.GetString("ContactKey");
                if (!consents.TryGetValue(key, out var list)) consents[key] = list = [];
                list.Add(new ConsentRecord(
                    row.GetDateTimeOffset("GivenAt") ?? default, row.GetString("ConsentText"), row.GetString("ConsentTextSha256"),
                    row.GetString("Source"), row.GetString("Receipt")));
            }
        }
        return people
            .Select(p => ToRecord(p.Key, p.Row, consents.GetValueOrDefault(p.Key) ?? []))
            .Where(c => purpose is null || c.Purposes.Contains(purpose))
            .OrderBy(c => c.UpdatedAt)
            .ToList();
    }

    private static ContactRecord ToRecord(string key, TableEntity row, List<ConsentRecord> consents)
    {
        // Contacts stored before purposes existed carry no flags; each of them came with a consent record.
        var marketing = row.GetBoolean(MarketingColumn) == true || consents.Count > 0;
        var purposes = ContactPurposes.Of(row.GetBoolean(CampaignColumn) == true, marketing);
        return new ContactRecord(key, row.GetString("Email"), row.GetString("Name"), row.GetDateTimeOffset("UpdatedAt"),
            purposes, marketing, consents.OrderBy(c => c.GivenAt).ToList());
    }
}
