using System.Security.Cryptography;
using CampaignEngine.Pages;
using Scalar.AspNetCore;

namespace CampaignEngine.Api;

/// <summary>
/// How /docs shows the document. It has to work without the internet (Scalar's script is served by
/// the app; the default fonts would come from Scalar's CDN, the AI agent and telemetry from its
/// servers), pass axe in both colour schemes, and keep the fan pages' security headers: admins paste
/// their key here.
/// </summary>
internal static class ReferencePage
{
    // Scalar's themes put method badges, placeholders and code literals below 4.5:1 against their
    // backgrounds (#fff, #fbfbfb, #f6f6f6 in light mode; #0f0f0f to #1a1a1a in dark mode).
    // Its "Example Responses" cards are regions named after their status codes, so operations with
    // the same responses (publish, close, archive) make landmarks of the same name; no option renames
    // them, so they are hidden. Each operation still lists its responses and their schemas.
    private const string Css = """
        .light-mode {
          --scalar-color-3: #6b6b6b;
          --scalar-color-green: #007a4d;
          --scalar-color-yellow: #8a6500;
          --scalar-color-red: #d10000;
          --scalar-color-orange: #b34700;
        }
        .dark-mode {
          --scalar-color-3: #949494;
          --scalar-color-red: #ff5c5c;
        }
        .response-card { display: none !important; }
        """;

    // Scalar's page has no lang attribute, which screen readers need to pick a voice; the reference is in English.
    // Scalar's script (Vue, and CodeMirror in its editors) adds <style> elements it creates itself,
    // without a nonce; only those created by a script that runs (all of which carry the nonce) get
    // the page's nonce, so a <style> smuggled in as markup would still be refused.
    private const string HeadScript = """
        document.documentElement.lang = "en";
        (function (nonce) {
          var create = Document.prototype.createElement;
          Document.prototype.createElement = function (name, options) {
            var element = create.call(this, name, options);
            if (String(name).toLowerCase() === "style") element.nonce = nonce;
            return element;
          };
        })(document.currentScript.nonce);
        """;

    /// <summary>
    /// The page runs only what carries this request's nonce (Scalar writes it on its own script tags)
    /// or comes from this origin, and takes stylesheets the same way (Scalar's first one reads the
    /// nonce from the <c>csp-nonce</c> meta element). Style attributes are allowed: Scalar's templates
    /// are full of them, and with images, fonts and connections held to this origin they can neither
    /// run anything nor send anything away. Nothing may frame the page, where admins paste their key.
    /// </summary>
    public static string Policy(string nonce) =>
        $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; style-src-attr 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; " +
        "frame-ancestors 'none'";

    /// <summary>Per request (Scalar builds the options afresh for each one), so each page has its own nonce.</summary>
    public static void Configure(ScalarOptions options, HttpContext http)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        options
            .WithTitle("CampaignEngine API")
            .WithOpenApiRoutePattern(EngineOpenApi.DocumentRoute)
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableTelemetry()
            .WithNonce(nonce)
            .AddHeadContent($"""<meta property="csp-nonce" content="{nonce}" />""")
            .AddHeadContent($"""<script nonce="{nonce}">{HeadScript}</script>""")
            .AddPreferredSecuritySchemes([OpenApiAuth.SchemeName])
            // Shown on localhost only, for Scalar's own development; its header has a role axe refuses.
            .HideDeveloperTools()
            .WithCustomCss(Css);
        HtmlPage.ApplySecurityHeaders(http.Response, Policy(nonce));
    }
}
