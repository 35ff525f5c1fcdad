using System.Globalization;
using System.Text.Json;

namespace CampaignEngine.Storage.Transactions;

/// <summary>
/// What a <c>$batch</c> answered. A changeset is atomic: either every change succeeded (one ETag
/// each) or none did, and the service names the first change that failed by its index.
/// </summary>
public sealed record TransactionOutcome(int Status, IReadOnlyList<string?> ETags, int? FailedIndex = null, string? ErrorCode = null, string? ErrorMessage = null)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Reads a <c>$batch</c> response: the multipart changeset answer, or a plain error for a request refused as a whole.</summary>
    public static TransactionOutcome Parse(int httpStatus, string body, int changes)
    {
        if (httpStatus is < 200 or >= 300) return Failure(httpStatus, body);

        var statuses = new List<int>(changes);
        var etags = new List<string?>(changes);
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || line.Length < 12
                || !int.TryParse(line.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                continue;
            }
            string? etag = null;
            for (i++; i < lines.Length && lines[i].TrimEnd('\r') is { Length: > 0 } header; i++)
            {
                if (header.StartsWith("ETag:", StringComparison.OrdinalIgnoreCase)) etag = header[5..].Trim();
            }
            if (status is < 200 or >= 300)
            {
                var errorBody = string.Join('\n', lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("--", StringComparison.Ordinal)));
                return Failure(status, errorBody);
            }
            statuses.Add(status);
            etags.Add(etag);
        }
        return statuses.Count == changes
            ? new TransactionOutcome(httpStatus, etags)
            : new TransactionOutcome(500, [], ErrorMessage: $"The batch answered {statuses.Count} of {changes} changes.");
    }

    /// <summary>The service's OData error: its code, and the failed change's index from the "index:message" text.</summary>
    private static TransactionOutcome Failure(int status, string body)
    {
        string? code = null, message = null;
        try
        {
            using var json = JsonDocument.Parse(body.Trim());
            if (json.RootElement.TryGetProperty("odata.error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() : null;
            }
        }
        catch (JsonException)
        {
            message = body.Length > 200 ? body[..200] : body;
        }
        int? index = null;
        if (message is not null && message.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
            && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var at))
        {
            index = at;
        }
        return new TransactionOutcome(status, [], index, code, message);
    }
}
