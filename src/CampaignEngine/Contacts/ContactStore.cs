using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using CampaignEngine.Storage;
using static CampaignEngine.Contacts.ContactRows;

namespace CampaignEngine.Contacts;

/// <summary>
/// Contacts are kept per campaign (partition = slug) under their keyed hash (<see cref="ContactKeys"/>);
/// each marketing consent is appended as its own row keyed by the submission's receipt, so redelivery
/// adds nothing, and each withdrawal as its own row keyed by its time (<see cref="ContactRows"/>).
/// </summary>
public sealed class ContactStore(StorageClients clients, StorageNames names, ContactKeys keys, TimeProvider time)
{
    private TableClient Table => clients.Tables.GetTableClient(names.ContactsTable);

    public async Task SetContactAsync(ContactSubmitted contact, CancellationToken cancellationToken = default)
    {
        var key = keys.Of(contact.Email);
        var person = new TableEntity(contact.Slug, Contact(key))
        {
            [Email] = contact.Email,
            [UpdatedAt] = contact.At,
        };
        if (contact.Name is not null) person[Name] = contact.Name;
        // Capture only ever writes purposes as true: a merge then never takes one away, whatever arrives later.
        if (contact.ForCampaign) person[PurposeCampaign] = true;
        if (contact.Marketing) person[PurposeMarketing] = true;

        if (!contact.Marketing)
        {
            await Table.UpsertEntityAsync(person, TableUpdateMode.Merge, cancellationToken);
            return;
        }

        var text = contact.ConsentText ?? "";
        var consent = new TableEntity(contact.Slug, Consent(key, contact.Receipt))
        {
            [ContactKey] = key,
            [GivenAt] = contact.At.UtcDateTime,
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

    /// <summary>
    /// Withdraws the marketing consent of the contact with <paramref name="key"/>: appends a withdrawal
    /// record (time, source) and marks the contact row, if there is one, in the same transaction. From
    /// then on the contact is left out of marketing exports until it consents again. Recorded even when
    /// no contact row exists (yet): a capture still on the queue then lands already withdrawn.
    /// </summary>
    public async Task<ConsentWithdrawal> WithdrawMarketingAsync(string slug, string key, string source, CancellationToken cancellationToken = default)
    {
        if (!ContactKeys.IsKey(key)) throw new ArgumentException("Not a contact key.", nameof(key));
        var at = time.GetUtcNow();
        var withdrawal = new TableEntity(slug, Withdrawal(key, at))
        {
            [ContactKey] = key,
            [WithdrawnAt] = at.UtcDateTime,
            ["Source"] = source,
            ["Campaign"] = slug,
        };
        for (var attempt = 1; ; attempt++)
        {
            var person = await Table.GetEntityIfExistsAsync<TableEntity>(slug, Contact(key), [Email], cancellationToken);
            if (!person.HasValue)
            {
                await Table.UpsertEntityAsync(withdrawal, TableUpdateMode.Replace, cancellationToken);
                return new ConsentWithdrawal(key, at, source, ContactFound: false);
            }
            var marked = new TableEntity(slug, Contact(key)) { [MarketingWithdrawnAt] = at, [PurposeMarketing] = false, ETag = person.Value!.ETag };
            try
            {
                await Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, marked, marked.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, withdrawal),
                ], cancellationToken);
                return new ConsentWithdrawal(key, at, source, ContactFound: true);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 && attempt < 5)
            {
                // A capture changed (or the retention job deleted) the row since it was read: read it again.
            }
        }
    }

    /// <summary>One contact's address and name, and whether its consent to offers holds; null when no contact row exists.</summary>
    public async Task<ContactDetails?> FindAsync(string slug, string key, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(slug, Contact(key), [Email, Name, PurposeMarketing], cancellationToken);
        if (!row.HasValue) return null;
        return new ContactDetails(row.Value!.GetString(Email), row.Value.GetString(Name), Flag(row.Value, PurposeMarketing));
    }

    /// <summary>
    /// The campaign's consent ledger: every grant and every withdrawal of marketing consent, oldest first, including those
    /// of contacts whose details have since been deleted (the records hold only the contact key, so they stay as proof).
    /// </summary>
    public async Task<IReadOnlyList<LedgerEvent>> LedgerAsync(string slug, CancellationToken cancellationToken = default)
    {
        var events = new List<LedgerEvent>();
        await foreach (var row in Table.QueryAsync<TableEntity>(StartingWith(slug, ConsentPrefix), cancellationToken: cancellationToken))
        {
            events.Add(new LedgerEvent(row.GetDateTimeOffset(GivenAt) ?? default, LedgerEvent.Grant, row.GetString(ContactKey), ContactPurposes.Marketing,
                row.GetString("ConsentTextSha256"), row.GetString("ConsentText"), row.GetString("Source"), row.GetString("Receipt")));
        }
        await foreach (var row in Table.QueryAsync<TableEntity>(StartingWith(slug, WithdrawalPrefix), cancellationToken: cancellationToken))
        {
            events.Add(new LedgerEvent(row.GetDateTimeOffset(WithdrawnAt) ?? default, LedgerEvent.Withdrawal, row.GetString(ContactKey), ContactPurposes.Marketing,
                null, null, row.GetString("Source"), null));
        }
        return events.OrderBy(e => e.At).ThenBy(e => e.Event, StringComparer.Ordinal).ToList();
    }

    /// <summary>A campaign's contacts, oldest first; with a <paramref name="purpose"/>, only those whose details may be used for it.</summary>
    public async Task<IReadOnlyList<ContactRecord>> GetContactsAsync(string slug, string? purpose = null, CancellationToken cancellationToken = default)
    {
        var people = new List<(string Key, TableEntity Row)>();
        var consents = new Dictionary<string, List<ConsentRecord>>();
        var withdrawals = new Dictionary<string, List<WithdrawalRecord>>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(ContactPrefix, StringComparison.Ordinal))
            {
                people.Add((KeyOfContact(row.RowKey), row));
            }
            else if (row.RowKey.StartsWith(ConsentPrefix, StringComparison.Ordinal))
            {
                Add(consents, row.GetString(ContactKey), new ConsentRecord(
                    row.GetDateTimeOffset(GivenAt) ?? default, row.GetString("ConsentText"), row.GetString("ConsentTextSha256"),
                    row.GetString("Source"), row.GetString("Receipt")));
            }
            else if (row.RowKey.StartsWith(WithdrawalPrefix, StringComparison.Ordinal))
            {
                Add(withdrawals, row.GetString(ContactKey), new WithdrawalRecord(row.GetDateTimeOffset(WithdrawnAt) ?? default, row.GetString("Source")));
            }
        }
        return people
            .Select(p => ToRecord(p.Key, p.Row, consents.GetValueOrDefault(p.Key) ?? [], withdrawals.GetValueOrDefault(p.Key) ?? []))
            .Where(c => purpose is null || c.Purposes.Contains(purpose))
            .OrderBy(c => c.UpdatedAt)
            .ToList();
    }

    private static void Add<T>(Dictionary<string, List<T>> byKey, string key, T item)
    {
        if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
        list.Add(item);
    }

    private static ContactRecord ToRecord(string key, TableEntity row, List<ConsentRecord> consents, List<WithdrawalRecord> withdrawals)
    {
        var marketing = HasMarketingConsent(Flag(row, PurposeMarketing),
            consents.Count > 0 ? consents.Max(c => c.GivenAt) : null,
            withdrawals.Count > 0 ? withdrawals.Max(w => w.WithdrawnAt) : null);
        var purposes = ContactPurposes.Of(Flag(row, PurposeCampaign), marketing);
        return new ContactRecord(key, row.GetString(Email), row.GetString(Name), row.GetDateTimeOffset(UpdatedAt),
            purposes, marketing, consents.OrderBy(c => c.GivenAt).ToList(), withdrawals.OrderBy(w => w.WithdrawnAt).ToList());
    }
}

/// <summary>A recorded withdrawal: under which key, when, through what, and whether a contact row was there to mark.</summary>
public sealed record ConsentWithdrawal(string Key, DateTimeOffset WithdrawnAt, string Source, bool ContactFound);

/// <summary>What a mail to a contact needs: where to, whom to greet, and whether offers may be sent.</summary>
public sealed record ContactDetails(string Email, string? Name, bool MarketingConsent);

/// <summary>One entry of a campaign's consent ledger: a grant (with the exact consent text and its SHA-256) or a withdrawal.</summary>
public sealed record LedgerEvent(
    DateTimeOffset At, string Event, string ContactKey, string Purpose, string? ConsentTextSha256, string? ConsentText, string Source, string? Receipt)
{
    public const string Grant = "grant";
    public const string Withdrawal = "withdrawal";
}
