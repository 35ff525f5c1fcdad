using Microsoft.Net.Http.Headers;

namespace CampaignEngine.Api;

/// <summary>How an error is answered.</summary>
public enum ErrorFormat
{
    /// <summary>RFC 7807 <c>application/problem+json</c>: the API's and every JSON client's answer.</summary>
    ProblemJson,

    /// <summary>The localized fan page: browsers on fan routes (<c>/</c>, <c>/c/…</c>).</summary>
    FanPage,

    /// <summary><c>text/plain</c>: a client that accepts neither JSON nor, here, a page (an image request, a bot).</summary>
    PlainText,
}

/// <summary>
/// Picks the answer's format from the request alone, so every error (an endpoint's, routing's, the
/// rate limiter's, the body limit's, an exception) is answered the same way and never fails for want
/// of a formatter.
/// </summary>
public static class ErrorFormats
{
    public static ErrorFormat Choose(HttpRequest request) =>
        Choose(request.Path, request.Method, request.ContentType, request.Headers.Accept.ToString());

    public static ErrorFormat Choose(PathString path, string method, string? contentType, string? accept)
    {
        if (IsFanRoute(path) && WantsPage(method, contentType, accept)) return ErrorFormat.FanPage;
        // API clients get JSON whatever they accept: the API speaks nothing else. So does a client
        // that sent JSON: it reads JSON, whatever its Accept says.
        if (path.StartsWithSegments("/api") || IsJson(contentType)) return ErrorFormat.ProblemJson;
        return AcceptsJson(accept) ? ErrorFormat.ProblemJson : ErrorFormat.PlainText;
    }

    /// <summary>The pages fans see: the front page and everything under <c>/c/</c>.</summary>
    public static bool IsFanRoute(PathString path) => path.StartsWithSegments("/c") || path.Value is "/" or "" or null;

    /// <summary>
    /// A browser: it posted a form, or it asks for HTML and did not send JSON (a script that sends
    /// JSON wants JSON back, whatever its Accept says).
    /// </summary>
    private static bool WantsPage(string method, string? contentType, string? accept)
    {
        if (IsForm(contentType)) return true;
        if (accept is null || !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)) return false;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || !IsJson(contentType);
    }

    /// <summary>No Accept, or one that takes JSON (<c>*/*</c>, <c>application/*</c>, <c>application/json</c>, <c>…+json</c>).</summary>
    public static bool AcceptsJson(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return true;
        if (!MediaTypeHeaderValue.TryParseList([accept], out var ranges)) return false;
        return ranges.Any(range => range.Quality is not <= 0
            && (range.MatchesAllTypes
                || (range.Type.Equals("application", StringComparison.OrdinalIgnoreCase) && range.MatchesAllSubTypes)
                || range.SubType.Equals("json", StringComparison.OrdinalIgnoreCase)
                || range.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));
    }

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase));

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
