using CampaignEngine.Api;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Views;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Home;

/// <summary><c>GET /</c>: a small page saying what this is, with the way to the API reference and the brand's site.</summary>
public static class HomeEndpoints
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http, FanPageViews views, IOptions<FanPagesOptions> options) =>
            {
                var locale = views.Strings.ForRequest(http.Request);
                var links = new List<LinkView> { new("/docs", locale["home_docs"], Primary: true) };
                if (options.Value.SafeHomeUrl is { } home) links.Add(new LinkView(home, locale["back_home"]));
                var body = views.Render("home", locale, new() { ["links"] = links });
                var html = views.Layout(locale, body, new PageHead(
                    locale.Code, locale.Dir, locale["home_title"], null, null, null, null, null, locale.OpenGraphLocale, "noindex"));
                return new HtmlPage(StatusCodes.Status200OK, _ => Task.FromResult(html), "public, max-age=300", variesByLanguage: true);
            })
            .WithTags("Fan pages")
            .WithSummary("The engine's front page: what it is and where the API reference lives")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .RequireRateLimiting(RateLimits.FanReads);
        return app;
    }
}
