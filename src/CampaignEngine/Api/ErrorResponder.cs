using CampaignEngine.Pages;

namespace CampaignEngine.Api;

/// <summary>
/// Answers an error in the caller's language: a localized page for fans posting forms or
/// browsing <c>/c/…</c>, RFC 7807 ProblemDetails for everyone else.
/// </summary>
public sealed class ErrorResponder(IProblemDetailsService problems, FanPages pages, ILogger<ErrorResponder> logger)
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
            var campaign = await CampaignOfPathAsync(http);
            await pages.ErrorAsync(http, campaign, statusCode, FanMessages.ForStatus(statusCode)).ExecuteAsync(http);
            return;
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = statusCode, Detail = detail },
        });
    }

    /// <summary>
    /// The live campaign a <c>/c/{slug}/…</c> request was for, so its error page speaks the
    /// campaign's language; null when there is none, it is a draft, or storage cannot say.
    /// </summary>
    private async Task<Campaigns.Campaign?> CampaignOfPathAsync(HttpContext http)
    {
        var segments = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not { Length: >= 2 }) return null;
        try
        {
            return (await pages.VisibleAsync(segments[1], http.RequestAborted))?.Campaign;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not look up the campaign for an error page");
            return null;
        }
    }
}
