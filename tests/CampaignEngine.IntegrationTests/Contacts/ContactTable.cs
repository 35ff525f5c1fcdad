using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Contacts;

/// <summary>
/// The contacts table of one test engine, read and written directly: rows in the format the engine
/// wrote before contact keys had a secret (unkeyed SHA-256), and what is stored now.
/// </summary>
public sealed class ContactTable(EngineHost host)
{
    public TableClient Table => host.Tables.GetTableClient(host.Names.ContactsTable);

    /// <summary>A contact as the engine stored it before keys had a secret, with one consent row per receipt.</summary>
    public async Task WriteLegacyAsync(string slug, string email, string? name = null, bool? campaign = null, bool? marketing = null,
        DateTimeOffset? at = null, params string[] receipts)
    {
        var key = ContactKeys.Legacy(email);
        var when = at ?? DateTimeOffset.UtcNow;
        var person = new TableEntity(slug, "contact|" + key) { ["Email"] = email, ["UpdatedAt"] = when };
        if (name is not null) person["Name"] = name;
        if (campaign is { } c) person["PurposeCampaign"] = c;
        if (marketing is { } m) person["PurposeMarketing"] = m;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, person) };
        foreach (var receipt in receipts)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(slug, $"consent|{key}|{receipt}")
            {
                ["ContactKey"] = key,
                ["GivenAt"] = when.UtcDateTime,
                ["ConsentText"] = "Send me offers",
                ["ConsentTextSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Send me offers"))),
                ["Campaign"] = slug,
                ["Source"] = "form",
                ["Receipt"] = receipt,
            }));
        }
        foreach (var chunk in actions.Chunk(100)) await Table.SubmitTransactionAsync(chunk);
    }

    public async Task<List<TableEntity>> RowsAsync(string slug, string? prefix = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}")))
        {
            if (prefix is null || row.RowKey.StartsWith(prefix, StringComparison.Ordinal)) rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every row of the campaign as (row key, ETag): equal before and after means nothing was written.</summary>
    public async Task<Dictionary<string, string>> VersionsAsync(string slug) =>
        (await RowsAsync(slug)).ToDictionary(r => r.RowKey, r => r.ETag.ToString());
}
