using System.Security.Cryptography;
using System.Text;
using Azure;

namespace CampaignEngine.Campaigns;

/// <summary>
/// The API's ETag of a campaign: a strong entity tag derived from the table's (which is weak,
/// <c>W/"datetime'…'"</c>, and so could never match an If-Match under RFC 9110's strong comparison).
/// </summary>
public static class CampaignETags
{
    public static string Of(ETag stored) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stored.ToString())).AsSpan(0, 10)) + "\"";

    /// <summary>True when an If-Match header names this version (or is <c>*</c>).</summary>
    public static bool Matches(string ifMatch, ETag stored)
    {
        var current = Of(stored);
        return ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == "*" || tag == current);
    }
}
