using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CampaignEngine.Storage.Transactions;

/// <summary>
/// Signs a Table service request with the account key (Shared Key Lite: the date and the
/// canonicalized resource). Signed on every try, so a retry carries a fresh date.
/// </summary>
internal sealed class SharedKeyLitePolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        request.Headers.SetValue("Authorization", "SharedKeyLite " + accountName + ":" + Signature(accountName, accountKey, date, request.Uri.Path));
    }

    /// <summary>The signature of a request for <paramref name="path"/> (as sent, account segment included for path-style endpoints).</summary>
    internal static string Signature(string accountName, byte[] accountKey, string date, string path) =>
        Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(date + "\n/" + accountName + path)));
}
