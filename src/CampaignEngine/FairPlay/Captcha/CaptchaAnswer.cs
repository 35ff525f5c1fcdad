using System.Text.Json;

namespace CampaignEngine.FairPlay.Captcha;

/// <summary>
/// A siteverify answer, the same shape at all three providers: <c>success</c>, <c>error-codes</c>,
/// <c>hostname</c> (and fields we do not need). Anything else is no answer at all.
/// </summary>
public sealed record CaptchaAnswer(bool Success, IReadOnlyList<string> ErrorCodes, string? Hostname)
{
    /// <summary>
    /// The provider refused the token because it has verified it before: <c>timeout-or-duplicate</c> (Turnstile,
    /// reCAPTCHA), <c>already-seen-response</c> or <c>invalid-or-already-seen-response</c> (hCaptcha).
    /// </summary>
    public bool Seen => !Success && ErrorCodes.Any(c => c.Contains("duplicate", StringComparison.Ordinal) || c.Contains("already-seen", StringComparison.Ordinal));

    /// <summary>Null when the body is not a JSON object with a boolean <c>success</c>.</summary>
    public static CaptchaAnswer? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("success", out var success)
                || success.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return null;
            var codes = root.TryGetProperty("error-codes", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToArray()
                : [];
            var hostname = root.TryGetProperty("hostname", out var host) && host.ValueKind == JsonValueKind.String ? host.GetString() : null;
            return new CaptchaAnswer(success.GetBoolean(), codes, hostname);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
