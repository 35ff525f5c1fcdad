using Azure.Data.Tables;

namespace CampaignEngine.Offers;

/// <summary>
/// The rows of the <c>offers</c> table, one partition per campaign (its slug), so that taking a code and giving it to a
/// contact are one entity-group transaction:
/// <list type="bullet">
/// <item><c>offer</c>: the offer (<see cref="Offer"/>).</item>
/// <item><c>import|{id}</c>: one upload or generation; its codes can be taken only once it is <c>committed</c>.</item>
/// <item><c>code|{code}</c>: every code ever put in the pool, so the same code can never be in it twice.</item>
/// <item><c>free|{random}</c>: a code not given out yet; the random key spreads concurrent takers over the pool.</item>
/// <item><c>assigned|{contact key}</c>: the code a contact got (or that the pool was empty for them), once per contact.</item>
/// <item><c>receipt|{receipt}</c>: the same, by the receipt of the submission it followed, for the thank-you page.</item>
/// <item><c>pins|{window start ticks}[|{contact key}]</c>: wrong staff PINs in one 15-minute window, per offer and per code (the redeem lockout).</item>
/// </list>
/// </summary>
public static class OfferRows
{
    public const string OfferRow = "offer";

    /// <summary>The partition listing campaigns whose offer waits to go out at close (row key: the slug), so the timer never scans the pools.</summary>
    public const string CloseSendsPartition = "~close-sends";
    public const string ImportPrefix = "import|";
    public const string CodePrefix = "code|";
    public const string FreePrefix = "free|";
    public const string AssignedPrefix = "assigned|";
    public const string ReceiptPrefix = "receipt|";

    public const string Committed = "committed";
    public const string Pending = "pending";
    public const string Failed = "failed";

    public static string Import(string id) => ImportPrefix + id;
    public static string Code(string code) => CodePrefix + code;
    public static string Assigned(string contactKey) => AssignedPrefix + contactKey;
    public static string Receipt(string receipt) => ReceiptPrefix + receipt;

    /// <summary>The rows of one partition whose row key starts with <paramref name="prefix"/> ('}' follows '|').</summary>
    public static string StartingWith(string partition, string prefix, string? from = null) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from ?? prefix} and RowKey lt {prefix[..^1] + "}"}");
}
