using System.Text;
using CampaignEngine.Pages;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignEngine.Api;

/// <summary>
/// Answers an error in the caller's language (see <see cref="ErrorFormats"/>): a localized page for
/// fans' browsers, RFC 7807 ProblemDetails for the API and JSON clients, plain text for anyone else.
/// Writing it cannot fail for want of a formatter, so an error never turns into an empty 500.
/// </summary>
public sealed class ErrorResponder(FanPages pages, ILogger<ErrorResponder> logger)
{
    /// <summary>What a plain-text or JSON error answer may do, opened in a browser: nothing.</summary>
    private const string TextPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <param name="findCampaign">
    /// Look up the campaign of a <c>/c/{slug}/…</c> page so the page speaks its language; false when the
    /// request is not to be trusted with anything of it (a forged host) or must stay cheap (a flood of 429s).
    /// </param>
    public async Task WriteAsync(HttpContext http, int statusCode, string detail, bool findCampaign = true)
    {
        http.Response.StatusCode = statusCode;
        switch (ErrorFormats.Choose(http.Request))
        {
            case ErrorFormat.FanPage:
                var campaign = findCampaign ? await CampaignOfPathAsync(http) : null;
                await pages.ErrorAsync(http, campaign, statusCode, FanMessages.ForStatus(statusCode)).ExecuteAsync(http);
                break;
            case ErrorFormat.PlainText:
                await WriteTextAsync(http, statusCode, detail);
                break;
            default:
                HtmlPage.ApplySecurityHeaders(http.Response, TextPolicy);
                // TypedResults.Problem goes through IProblemDetailsService and, should no writer take
                // this Accept, writes the JSON itself.
                await TypedResults.Problem(detail, statusCode: statusCode).ExecuteAsync(http);
                break;
        }
    }

    private static async Task WriteTextAsync(HttpContext http, int statusCode, string detail)
    {
        var response = http.Response;
        response.ContentType = "text/plain; charset=utf-8";
        HtmlPage.ApplySecurityHeaders(response, TextPolicy);
        response.Headers.CacheControl = "no-store";
        var bytes = Encoding.UTF8.GetBytes($"{statusCode} {ReasonPhrases.GetReasonPhrase(statusCode)}\n{detail}\n");
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>
    /// The live campaign a <c>/c/{slug}/…</c> request was for, so its error page speaks the
    /// campaign's language; null when there is none, it is a draft, or storage cannot say.
    /// </summary>
    private async Task<Campaigns.Campaign?> CampaignOfPathAsync(HttpContext http)
    {
        var segments = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not { Length: >= 2 } || !segments[0].Equals("c", StringComparison.OrdinalIgnoreCase)) return null;
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
