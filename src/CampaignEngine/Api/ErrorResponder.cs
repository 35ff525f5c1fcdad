using CampaignEngine.Pages;

namespace CampaignEngine.Api;

/// <summary>
/// Answers an error in the caller's language: a localized page for fans posting forms or
/// browsing <c>/c/…</c>, RFC 7807 ProblemDetails for everyone else.
/// </summary>
public sealed class ErrorResponder(IProblemDetailsService problems, FanPages pages)
{
    public static bool WantsHtml(HttpRequest request) =>
        request.Path.StartsWithSegments("/c")
        && (request.HasFormContentType
            || (request.Method == HttpMethods.Get && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            || (!request.HasJsonContentType() && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)));

    public async Task WriteAsync(HttpContext http, int statusCode, string detail)
    {
        http.Response.StatusCode = statusCode;
        if (WantsHtml(http.Request))
        {
            await pages.ErrorAsync(http, null, statusCode, FanMessages.ForStatus(statusCode)).ExecuteAsync(http);
            return;
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = statusCode, Detail = detail },
        });
    }
}
