using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Mail;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Views;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Contacts;

/// <summary>
/// One-click unsubscribe, <c>/l/u/{token}</c>: GET shows a page with one button (mail scanners follow links, so a GET
/// changes nothing); POST, from that button or from a mail client's RFC 8058 one-click, suppresses the contact for every
/// campaign of the brand at once and records the withdrawal of its consent.
/// </summary>
public static class UnsubscribeEndpoints
{
    public const string Source = "unsubscribe";

    /// <summary>What an unsubscribe link's token is signed for.</summary>
    public const string Purpose = "unsubscribe";

    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/l/u").WithTags("Fan pages").RequireRateLimiting(RateLimits.FanReads);
        group.MapGet("/{token}", (string token, HttpContext http, UnsubscribePage page, CancellationToken ct) => page.AskAsync(token, http, ct))
            .WithSummary("The unsubscribe page a mail's link opens: one button, nothing changed yet")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapPost("/{token}", (string token, HttpContext http, UnsubscribePage page, CancellationToken ct) => page.UnsubscribeAsync(token, http, ct))
            .WithSummary("Unsubscribe (the page's button, or a mail client's RFC 8058 one-click POST): nothing more is sent, from now on")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .DisableAntiforgery();
        return app;
    }
}

public sealed class UnsubscribePage(
    SignedLinks links, Suppressions suppressions, ContactStore contacts, CampaignCache campaigns, FanPageViews views, PageStrings strings,
    IOptions<EmailOptions> email, ILogger<UnsubscribePage> logger)
{
    public async Task<IResult> AskAsync(string token, HttpContext http, CancellationToken ct)
    {
        var (slug, _) = Read(token) ?? default;
        return await PageAsync(slug is null ? "invalid" : "ask", slug, token, http, ct);
    }

    public async Task<IResult> UnsubscribeAsync(string token, HttpContext http, CancellationToken ct)
    {
        if (Read(token) is not var (slug, key)) return await PageAsync("invalid", null, token, http, ct);
        await suppressions.SuppressAsync(key, UnsubscribeEndpoints.Source, ct);
        await contacts.WithdrawMarketingAsync(slug, key, UnsubscribeEndpoints.Source, ct);
        logger.LogInformation("A contact of {Campaign} unsubscribed", slug);
        return await PageAsync("done", slug, token, http, ct);
    }

    private (string Slug, string Key)? Read(string token)
    {
        var check = links.Read(UnsubscribeEndpoints.Purpose, token);
        // An expired link still names the contact rightly (it is signed): unsubscribing never fails for age.
        return check.State == LinkState.Invalid ? null : SignedLinks.ParseContact(check.Payload);
    }

    private async Task<IResult> PageAsync(string state, string? slug, string token, HttpContext http, CancellationToken ct)
    {
        var campaign = slug is null ? null : await campaigns.FindAsync(slug, ct);
        var locale = campaign is null ? strings.ForRequest(http.Request) : views.LocaleOf(campaign);
        var title = locale[state == "done" ? "unsubscribe_done_title" : "unsubscribe_title"];
        var body = views.Render("unsubscribe", locale, new()
        {
            ["title"] = title,
            ["state"] = state,
            ["question"] = locale.Format("unsubscribe_question", email.Value.BrandName),
            ["action"] = $"/l/u/{Uri.EscapeDataString(token)}",
        });
        var head = new PageHead(locale.Code, locale.Dir, title, null, null, null, null, null, locale.OpenGraphLocale, "noindex");
        var html = views.Layout(locale, body, head);
        return new HtmlPage(state == "invalid" ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, _ => Task.FromResult(html), "private, no-store",
            policy: campaign is null ? null : FanPolicy.For(campaign));
    }
}
