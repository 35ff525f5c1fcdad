using System.Globalization;
using Azure.Data.Tables;

namespace CampaignEngine.Contacts;

/// <summary>
/// The rows of the contacts table. One partition per campaign (the slug); in it, per contact key:
/// <c>contact|{key}</c> (email, name, purposes), <c>consent|{key}|{receipt}</c> (one per marketing
/// consent) and <c>withdrawal|{key}|{ticks}</c> (one per withdrawal). Only the contact row holds the
/// email or a name; consent and withdrawal records hold the key, so they can stay as proof after the
/// details themselves are deleted.
/// </summary>
public static class ContactRows
{
    public const string ContactPrefix = "contact|";
    public const string ConsentPrefix = "consent|";
    public const string WithdrawalPrefix = "withdrawal|";

    public const string Email = "Email";
    public const string Name = "Name";
    public const string UpdatedAt = "UpdatedAt";
    public const string PurposeCampaign = "PurposeCampaign";
    public const string PurposeMarketing = "PurposeMarketing";
    public const string MarketingWithdrawnAt = "MarketingWithdrawnAt";
    public const string ContactKey = "ContactKey";
    public const string GivenAt = "GivenAt";
    public const string WithdrawnAt = "WithdrawnAt";

    public static string Contact(string key) => ContactPrefix + key;

    public static string Consent(string key, string receipt) => $"{ConsentPrefix}{key}|{receipt}";

    /// <summary>Ticks in the key keep a contact's withdrawals in time order and make a repeat at the same instant the same row.</summary>
    public static string Withdrawal(string key, DateTimeOffset at) =>
        $"{WithdrawalPrefix}{key}|{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}";

    public static string KeyOfContact(string rowKey) => rowKey[ContactPrefix.Length..];

    /// <summary>The rows of one partition whose row key starts with <paramref name="prefix"/> ('}' follows '|').</summary>
    public static string StartingWith(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");

    /// <summary>A contact's consent or withdrawal rows: those starting with <c>{prefix}{key}|</c>.</summary>
    public static string OfKey(string partition, string prefix, string key) => StartingWith(partition, $"{prefix}{key}|");

    /// <summary>
    /// Whether marketing consent holds: a consent given after the last withdrawal. Without any withdrawal,
    /// the purpose flag or any consent record (contacts stored before the flags existed have only the latter).
    /// A consent given before a withdrawal (a capture that was still on the queue, say) never revives it.
    /// </summary>
    public static bool HasMarketingConsent(bool marketingFlag, DateTimeOffset? lastConsent, DateTimeOffset? lastWithdrawal) =>
        lastWithdrawal is { } withdrawn ? lastConsent is { } given && given > withdrawn : marketingFlag || lastConsent is not null;

    public static bool Flag(TableEntity row, string column) => row.GetBoolean(column) == true;
}
