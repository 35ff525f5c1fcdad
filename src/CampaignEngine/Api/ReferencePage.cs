using Scalar.AspNetCore;

namespace CampaignEngine.Api;

/// <summary>
/// How /docs shows the document. It has to work without the internet (Scalar's script is served by
/// the app; the default fonts would come from Scalar's CDN, the AI agent and telemetry from its
/// servers) and pass axe in both colour schemes.
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
    private const string Language = """<script>document.documentElement.lang = "en";</script>""";

    public static void Configure(ScalarOptions options) => options
        .WithTitle("CampaignEngine API")
        .WithOpenApiRoutePattern(EngineOpenApi.DocumentRoute)
        .DisableDefaultFonts()
        .DisableAgent()
        .DisableTelemetry()
        .AddHeadContent(Language)
        .AddPreferredSecuritySchemes([OpenApiAuth.SchemeName])
        // Shown on localhost only, for Scalar's own development; its header has a role axe refuses.
        .HideDeveloperTools()
        .WithCustomCss(Css);
}
