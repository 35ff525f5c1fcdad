using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CampaignEngine.Storage;

namespace CampaignEngine.Contacts;

/// <summary>
/// Contacts are kept per campaign (partition = slug) under a hash of the normalised email; each
/// consent is appended as its own row keyed by the vote's receipt, so redelivery adds nothing.
/// </summary>
public sealed class ContactStore(StorageClients clients, StorageNames names)
{
    private TableClient Table => clients.Tables.GetTableClient(names.ContactsTable);

    public static string ContactKey(string normalizedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    public async Task SetContactAsync(ContactSubmitted contact, CancellationToken cancellationToken = default)
    {
        var key = ContactKey(contact.Email);
        var consentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contact.ConsentText)));
        var person = new TableEntity(contact.Slug, "contact|" + key)
        {
            ["Email"] = contact.Email,
            ["UpdatedAt"] = contact.At,
        };
        if (contact.Name is not null) person["Name"] = contact.Name;

        var consent = new TableEntity(contact.Slug, $"consent|{key}|{contact.Receipt}")
        {
            ["ContactKey"] = key,
            ["GivenAt"] = contact.At.UtcDateTime,
            ["ConsentText"] = contact.ConsentText,
            ["ConsentTextSha256"] = consentHash,
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

    public async Task<IReadOnlyList<ContactRecord>> GetContactsAsync(string slug, CancellationToken cancellationToken = default)
    {
        var contacts = new Dictionary<string, ContactRecord>();
        var consents = new List<(string Key, ConsentRecord Consent)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith("contact|", StringComparison.Ordinal))
            {
                var key = row.RowKey["contact|".Length..];
                contacts[key] = new ContactRecord(key, row.GetString("Email"), row.GetString("Name"), row.GetDateTimeOffset("UpdatedAt"), []);
            }
            else if (row.RowKey.StartsWith("consent|", StringComparison.Ordinal))
            {
                consents.Add((row.GetString("ContactKey"), new ConsentRecord(
                    row.GetDateTimeOffset("GivenAt") ?? default, row.GetString("ConsentText"), row.GetString("ConsentTextSha256"),
                    row.GetString("Source"), row.GetString("Receipt"))));
            }
        }
        return contacts.Values
            .Select(c => c with { Consents = consents.Where(x => x.Key == c.Key).Select(x => x.Consent).OrderBy(x => x.GivenAt).ToList() })
            .OrderBy(c => c.UpdatedAt)
            .ToList();
    }
}

public sealed record ContactRecord(string Key, string Email, string? Name, DateTimeOffset? UpdatedAt, IReadOnlyList<ConsentRecord> Consents);

public sealed record ConsentRecord(DateTimeOffset GivenAt, string ConsentText, string ConsentTextSha256, string Source, string Receipt);
