using System.Globalization;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Submissions;

namespace CampaignEngine.Pages.Views;

/// <summary>
/// The page shell every kind renders into (layout, head, notices, the contact fieldset, share
/// links) and the pages that belong to no kind: thank-you and message pages. Pure (no HTTP, no
/// storage), so every page can be rendered in unit tests with hostile data.
/// </summary>
public sealed class FanPageViews(PageTemplates templates, PageStrings strings, FairPlay.Captcha.CaptchaKeys captchaKeys)
{
    public PageStrings Strings => strings;

    /// <summary>The campaign's language (its kind's strings over the core's) with its text overrides, showing dates in its time zone.</summary>
    public PageLocale LocaleOf(Campaign campaign) => strings.For(campaign).InZone(CampaignTime.Zone(campaign.TimeZone));

    public string Thanks(Campaign campaign, FanLinks links, string? receipt, IReadOnlyList<RawHtml>? extras = null)
    {
        var locale = LocaleOf(campaign);
        var body = Render("thanks", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["message"] = campaign.Thanks.Message,
            ["receipt"] = receipt,
            ["extras"] = extras ?? [],
            ["links"] = new LinksView(links.Page, links.Results, links.QrSvg),
            ["share_links"] = Share(locale, locale["share_heading"], links.Absolute.Page, locale.Format("share_text", campaign.Title)),
        });
        // Shared by mistake, the thank-you page previews as the campaign it belongs to.
        return Layout(locale, body, Head(campaign, locale, $"{locale["thanks_title"]} · {campaign.Title}",
            links.Absolute.Page, links, "noindex", ogTitle: campaign.Title));
    }

    /// <summary>A page for an error or a refusal: title and text per message, and the ways on.</summary>
    public string Message(
        PageLocale locale, int statusCode, FanMessage message, Campaign? campaign = null, FanLinks? links = null,
        RawHtml? results = null, string? homeUrl = null)
    {
        var key = "message_" + FanMessages.Key(message);
        string? detail = message == FanMessage.NotStarted && campaign?.StartsAt is not null ? OpensText(locale, campaign) : null;
        var ways = new List<LinkView>();
        if (links is not null && message != FanMessage.Archived)
        {
            switch (message)
            {
                case FanMessage.Closed or FanMessage.LimitReached or FanMessage.DailyLimitReached or FanMessage.NetworkLimit:
                    ways.Add(new LinkView(links.Results, locale["view_results"], Primary: true));
                    break;
                case FanMessage.Unavailable or FanMessage.ServerError or FanMessage.TooManyRequests:
                    ways.Add(new LinkView(links.Page, locale["try_again"], Primary: true));
                    break;
                default:
                    ways.Add(new LinkView(links.Page, locale["back_to_poll"], Primary: true));
                    break;
            }
        }
        if (homeUrl is not null)
        {
            ways.Add(new LinkView(homeUrl, locale["back_home"], Primary: ways.Count == 0));
        }

        var body = Render("message", locale, new()
        {
            ["campaign"] = campaign is null ? null : new CampaignView(campaign.Title, campaign.Description),
            ["message"] = new MessageView(locale[key + "_title"], locale[key + "_text"], detail),
            ["results_list"] = results,
            ["links"] = ways.Count == 0 ? null : ways,
            ["status_text"] = locale.Format("error_code", statusCode.ToString(CultureInfo.InvariantCulture)),
        });
        return Layout(locale, body, new PageHead(
            locale.Code, locale.Dir, locale[key + "_title"], null, null, null, null, null, locale.OpenGraphLocale, "noindex",
            campaign is null || links is null ? null : FanPolicy.Brand(campaign, links)));
    }

    /// <summary>The head of a campaign's page: its canonical address and share card.</summary>
    /// <paramref name="resultsCard"/> picks the card with the current standing (for results pages). Pages that
    /// may show a form (their links carry a form token) of a campaign with proof of work on get its solver.
    public PageHead Head(Campaign campaign, PageLocale locale, string title, string canonical, FanLinks links, string robots, string? ogTitle = null,
        bool resultsCard = false) =>
        new(locale.Code, locale.Dir, title, campaign.Description, canonical, ogTitle ?? title,
            resultsCard ? links.Absolute.ResultsCard : links.Absolute.Card, ogTitle ?? title,
            locale.OpenGraphLocale, robots, FanPolicy.Brand(campaign, links), "summary_large_image", Live: resultsCard,
            Challenge: !resultsCard && links.FormToken is not null && campaign.Protection.ProofOfWork is not null ? links.Challenge : null,
            CaptchaScript: !resultsCard && links.FormToken is not null ? captchaKeys.Find(campaign.Protection.Captcha?.Provider)?.Provider.ScriptFor(locale.Code) : null);

    /// <summary>The banner above a campaign that is not open: not started yet, or closed.</summary>
    public NoticeView? Notice(PageLocale locale, Campaign campaign, Availability availability) => availability switch
    {
        Availability.Closed or Availability.Archived => new(locale["closed_title"], locale["closed_text"]),
        Availability.NotStarted => new(locale["not_started_title"], OpensText(locale, campaign)),
        _ => null,
    };

    /// <summary>
    /// A form posting to the action at <paramref name="route"/> (under the campaign's page), with the
    /// contact fields as the fan typed them and the page's form token, which the template renders as
    /// the hidden <see cref="FormTokens.Field"/>.
    /// </summary>
    /// The form of a campaign with CAPTCHA on carries its provider's widget (<see cref="FormView.Captcha"/>), the same for every fan.
    public FormView Form(Campaign campaign, FanLinks links, string route, IFanInput? input) =>
        new(links.Page + "/" + route, input?.Email ?? "", input?.Name ?? "", input?.Consent ?? false, links.FormToken,
            captchaKeys.Find(campaign.Protection.Captcha?.Provider) is { } captcha ? new RawHtml(captcha.WidgetFor(campaign.Locale)) : null);

    /// <summary>The contact fieldset, as the campaign's contact mode asks for it; null when contact is off.</summary>
    public ContactView? Contact(PageLocale locale, Campaign campaign) => campaign.Contact.Mode switch
    {
        ContactMode.Off => null,
        // Details needed to take part are not consent to offers: the form says what they are for and when they go.
        ContactMode.Required => new ContactView(true, locale["contact_required_hint"],
            locale.Format("contact_required_purpose", locale.Count("days", campaign.Contact.RetentionDays)), campaign.Contact.ConsentText ?? ""),
        _ => new ContactView(false, locale["contact_optional_hint"], null, campaign.Contact.ConsentText ?? ""),
    };

    /// <summary>
    /// The contact fieldset (<c>contact-fields</c>), as every kind's form shows it: the fields as the fan typed them and
    /// each field's error; empty when the campaign's contact is off.
    /// </summary>
    public RawHtml ContactFields(PageLocale locale, Campaign campaign, IFanInput? input, string? emailError, string? nameError, string? consentError) =>
        Contact(locale, campaign) is { } contact
            ? Render("contact-fields", locale, new()
            {
                ["contact"] = contact,
                ["form"] = new { Email = input?.Email ?? "", Name = input?.Name ?? "", Consent = input?.Consent ?? false },
                ["errors"] = new { Email = emailError, Name = nameError, Consent = consentError },
            })
            : new RawHtml("");

    public RawHtml ContactFields(PageLocale locale, Campaign campaign, IFanInput? input, ErrorsView errors) =>
        ContactFields(locale, campaign, input, errors.Email, errors.Name, errors.Consent);

    public RawHtml Share(PageLocale locale, string heading, string url, string text) =>
        Render("share-links", locale, new() { ["share"] = ShareLinks.For(locale, heading, url, text) });

    public static string OpensText(PageLocale locale, Campaign campaign) =>
        campaign.StartsAt is { } starts ? locale.Format("not_started_text", locale.DateTime(starts)) : locale["message_not_started_text"];

    /// <summary>The errors of a refused form: the kind's own first (<paramref name="choice"/>), then the contact fields'.</summary>
    public static ErrorsView ContactErrors(PageLocale locale, FormState form, string? choice)
    {
        var fields = form.Errors ?? new Dictionary<string, string[]>();
        string? Has(string field, Func<string> message) => fields.ContainsKey(field) ? message() : null;

        var errors = new ErrorsView(
            choice,
            Has("email", () => locale[EmailErrorKey(form)]),
            Has("name", () => locale.Format("error_name_too_long", locale.Number(ContactRules.MaxName))),
            Has("consent", () => locale["error_consent_to_keep_email"]));
        if (errors.Any) return errors;

        // A refusal without field errors still has to say what is wrong.
        return form.Refusal switch
        {
            SubmissionRefusal.InvalidInput => new ErrorsView(locale["error_choose_option"], null, null, null),
            SubmissionRefusal.ConsentRequired => new ErrorsView(null, null, null, locale["error_consent_to_keep_email"]),
            SubmissionRefusal.InvalidContact => new ErrorsView(null, locale["error_email_invalid"], null, null),
            _ => errors,
        };
    }

    /// <summary>A missing email is a consent mismatch when the box was ticked for offers (<see cref="ContactRules"/>).</summary>
    private static string EmailErrorKey(FormState form) =>
        ContactRules.Normalize(form.Input.Email) is not null ? "error_email_invalid"
        : form.Refusal == SubmissionRefusal.ConsentRequired ? "error_email_for_offers"
        : "error_email_missing";

    public RawHtml Render(string template, PageLocale locale, Dictionary<string, object?> variables)
    {
        variables["t"] = locale.Strings;
        return templates.Render(template, variables);
    }

    public string Layout(PageLocale locale, RawHtml body, PageHead head) =>
        templates.Render("layout", new Dictionary<string, object?> { ["page"] = head, ["body"] = body, ["t"] = locale.Strings }).Value;
}
