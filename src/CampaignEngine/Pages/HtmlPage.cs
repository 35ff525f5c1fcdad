using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CampaignEngine.Pages.Rendering;

namespace CampaignEngine.Pages;

/// <summary>
/// An HTML answer with the fan pages' security headers. The page is produced when the result
/// executes, so callers that must stay synchronous (ErrorAsync, VoteRefused) can still read storage.
/// </summary>
public sealed partial class HtmlPage(
    int statusCode, Func<HttpContext, Task<string>> render, string cacheControl, bool variesByLanguage = false, string? policy = null,
    bool variesByCookie = false) : IResult
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>
    /// Nothing may load but our own images; the one stylesheet is allowed by its hash, so no
    /// injected style or script would run even if escaping ever failed.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{StyleHash(PageTemplates.Source("layout"))}'; img-src 'self' data:; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Results pages refresh their standing with the layout's one static script (allowed by its hash,
    /// and to fetch from this origin only); without JavaScript they are complete as served.
    /// </summary>
    public static string LiveContentSecurityPolicy { get; } = ContentSecurityPolicy
        .Replace("default-src 'none';", $"default-src 'none'; script-src '{ScriptHash(PageTemplates.Source("layout"))}'; connect-src 'self';", StringComparison.Ordinal);

    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = await render(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        ApplySecurityHeaders(response, policy ?? ContentSecurityPolicy);
        response.Headers.CacheControl = cacheControl;
        if (variesByLanguage) response.Headers.Vary = "Accept-Language";
        if (variesByCookie) response.Headers.Vary = "Cookie";
        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    public static void ApplySecurityHeaders(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
    }

    /// <summary>The CSP source for the layout's single &lt;style&gt; element (static text, no expressions).</summary>
    public static string StyleHash(string layoutSource)
    {
        var match = StyleElement().Match(layoutSource);
        if (!match.Success || match.Groups[1].Value.Contains("{{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The layout needs exactly one static <style> element.");
        }
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups[1].Value)));
    }

    /// <summary>The CSP source for the layout's single &lt;script&gt; element (static text, no expressions).</summary>
    public static string ScriptHash(string layoutSource)
    {
        var match = ScriptElement().Match(layoutSource);
        if (!match.Success || match.Groups[1].Value.Contains("{{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The layout needs exactly one static <script> element.");
        }
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups[1].Value)));
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();
}
