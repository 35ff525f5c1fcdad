using System.Globalization;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Results;
using CampaignEngine.Voting;

namespace CampaignEngine.Pages.Views;

/// <summary>
/// Builds complete fan pages as HTML from campaigns and results. Pure (no HTTP, no storage), so
/// every page can be rendered in unit tests with hostile data.
/// </summary>
public sealed class FanPageViews(PageTemplates templates, PageStrings strings)
{
    /// <summary>What a fan sent in a refused form vote, to show it again with the errors.</summary>
    public sealed record FormState(VoteInput Input, VoteRefusal Refusal, IReadOnlyDictionary<string, string[]>? Errors);

    public PageStrings Strings => strings;

    public string Poll(Campaign campaign, Availability availability, FanLinks links, PollResults? results, FormState? form = null)
    {
        var locale = strings.For(campaign.Locale);
        var input = form?.Input;
        var open = availability == Availability.Open;
        NoticeView? notice = availability switch
        {
            Availability.Closed => new(locale["closed_title"], locale["closed_text"]),
            Availability.NotStarted => new(locale["not_started_title"], OpensText(locale, campaign)),
            _ => null,
        };

        var body = Render("poll", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["notice"] = notice,
            ["form"] = open ? new FormView(links.Votes, input?.Email ?? "", input?.Name ?? "", input?.Consent ?? false) : null,
            ["errors"] = form is null ? ErrorsView.None : Errors(locale, form),
            ["options"] = campaign.Options
                .Select((o, i) => new OptionView(o.Id, $"option-{i + 1}", o.Label, input?.OptionId == o.Id))
                .ToList(),
            ["contact"] = campaign.Contact.Mode == ContactMode.Off ? null : new ContactView(
                campaign.Contact.Mode == ContactMode.Required,
                locale[campaign.Contact.Mode == ContactMode.Required ? "contact_required_hint" : "contact_optional_hint"],
                campaign.Contact.ConsentText ?? ""),
            ["closes"] = open && campaign.EndsAt is { } ends ? locale.Format("open_until", locale.DateTime(ends)) : null,
            ["results_list"] = availability == Availability.Closed && results is not null ? ResultsList(locale, results) : null,
            ["links"] = new LinksView(links.Poll, links.Results, links.QrSvg),
        });
        return Layout(locale, body, new PageHead(
            locale.Code, locale.Dir, campaign.Title, campaign.Description, links.Absolute.Page, campaign.Title,
            links.Absolute.QrPng, locale["qr_alt"], locale.OpenGraphLocale, "index, follow"));
    }

    public string Thanks(Campaign campaign, FanLinks links, string? receipt)
    {
        var locale = strings.For(campaign.Locale);
        var body = Render("thanks", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["receipt"] = receipt,
            ["links"] = new LinksView(links.Poll, links.Results, links.QrSvg),
            ["share_links"] = Share(locale, locale["share_heading"], links.Absolute.Page, locale.Format("share_text", campaign.Title)),
        });
        // Shared by mistake, the thank-you page previews as the poll it belongs to.
        return Layout(locale, body, new PageHead(
            locale.Code, locale.Dir, $"{locale["thanks_title"]} · {campaign.Title}", campaign.Description, links.Absolute.Page,
            campaign.Title, links.Absolute.QrPng, locale["qr_alt"], locale.OpenGraphLocale, "noindex"));
    }

    public string Results(Campaign campaign, Availability availability, FanLinks links, PollResults results)
    {
        var locale = strings.For(campaign.Locale);
        var title = locale.Format("results_title", campaign.Title);
        var body = Render("results", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["notice"] = availability switch
            {
                Availability.Closed => new NoticeView(locale["closed_title"], locale["closed_text"]),
                Availability.NotStarted => new NoticeView(locale["not_started_title"], OpensText(locale, campaign)),
                _ => null,
            },
            ["results_list"] = ResultsList(locale, results),
            ["can_vote"] = availability == Availability.Open,
            ["links"] = new LinksView(links.Poll, links.Results, links.QrSvg),
            ["share_links"] = Share(locale, locale["share_results_heading"], links.Absolute.Results, locale.Format("share_results_text", campaign.Title)),
        });
        return Layout(locale, body, new PageHead(
            locale.Code, locale.Dir, title, campaign.Description, links.Absolute.Results, title,
            links.Absolute.QrPng, locale["qr_alt"], locale.OpenGraphLocale, "index, follow"));
    }

    /// <summary>A page for an error or a refusal: title and text per message, and the ways on.</summary>
    public string Message(
        PageLocale locale, int statusCode, FanMessage message, Campaign? campaign = null, FanLinks? links = null,
        PollResults? results = null, string? homeUrl = null)
    {
        var key = "message_" + FanMessages.Key(message);
        string? detail = message == FanMessage.NotStarted && campaign?.StartsAt is not null ? OpensText(locale, campaign) : null;
        var ways = new List<LinkView>();
        if (links is not null)
        {
            switch (message)
            {
                case FanMessage.Closed or FanMessage.LimitReached:
                    ways.Add(new LinkView(links.Results, locale["view_results"], Primary: true));
                    break;
                case FanMessage.Unavailable or FanMessage.ServerError or FanMessage.TooManyRequests:
                    ways.Add(new LinkView(links.Poll, locale["try_again"], Primary: true));
                    break;
                default:
                    ways.Add(new LinkView(links.Poll, locale["back_to_poll"], Primary: true));
                    break;
            }
        }
        if (homeUrl is not null)
        {
            ways.Add(new LinkView(homeUrl, locale["back_home"], Primary: links is null));
        }

        var body = Render("message", locale, new()
        {
            ["campaign"] = campaign is null ? null : new CampaignView(campaign.Title, campaign.Description),
            ["message"] = new MessageView(locale[key + "_title"], locale[key + "_text"], detail),
            ["results_list"] = results is null ? null : ResultsList(locale, results),
            ["links"] = ways.Count == 0 ? null : ways,
            ["status_text"] = locale.Format("error_code", statusCode.ToString(CultureInfo.InvariantCulture)),
        });
        return Layout(locale, body, new PageHead(
            locale.Code, locale.Dir, locale[key + "_title"], null, null, null, null, null, locale.OpenGraphLocale, "noindex"));
    }

    private RawHtml ResultsList(PageLocale locale, PollResults results)
    {
        var max = results.Options.Count == 0 ? 0 : results.Options.Max(o => o.Votes);
        var rows = results.Options.Select(o => new ResultRow(
                o.Label,
                locale.Count("votes", o.Votes),
                locale.Percent(o.Percent),
                Math.Clamp(o.Percent, 0, 100).ToString("0.#", CultureInfo.InvariantCulture),
                max > 0 && o.Votes == max))
            .ToList();
        return Render("results-list", locale, new()
        {
            ["results"] = new ResultsView(rows,
                locale.Format("total_votes", locale.Number(results.TotalVotes)),
                locale.Format("last_updated", locale.DateTime(results.UpdatedAt)),
                results.TotalVotes == 0),
        });
    }

    private RawHtml Share(PageLocale locale, string heading, string url, string text) =>
        Render("share-links", locale, new() { ["share"] = ShareLinks.For(locale, heading, url, text) });

    private static string OpensText(PageLocale locale, Campaign campaign) =>
        campaign.StartsAt is { } starts ? locale.Format("not_started_text", locale.DateTime(starts)) : locale["message_not_started_text"];

    private static ErrorsView Errors(PageLocale locale, FormState form)
    {
        var fields = form.Errors ?? new Dictionary<string, string[]>();
        var input = form.Input;
        string? Has(string field, Func<string> message) => fields.ContainsKey(field) ? message() : null;

        var errors = new ErrorsView(
            Has("optionId", () => locale[string.IsNullOrEmpty(input.OptionId) ? "error_choose_option" : "error_invalid_option"]),
            Has("email", () => locale[ContactRules.Normalize(input.Email) is null ? "error_email_missing" : "error_email_invalid"]),
            Has("name", () => locale.Format("error_name_too_long", locale.Number(ContactRules.MaxName))),
            Has("consent", () => locale["error_consent_required"]));
        if (errors.Any) return errors;

        // A refusal without field errors still has to say what is wrong.
        return form.Refusal switch
        {
            VoteRefusal.InvalidOption => new ErrorsView(locale["error_choose_option"], null, null, null),
            VoteRefusal.ConsentRequired => new ErrorsView(null, null, null, locale["error_consent_required"]),
            VoteRefusal.InvalidContact => new ErrorsView(null, locale["error_email_invalid"], null, null),
            _ => errors,
        };
    }

    private RawHtml Render(string template, PageLocale locale, Dictionary<string, object?> variables)
    {
        variables["t"] = locale.Strings;
        return templates.Render(template, variables);
    }

    private string Layout(PageLocale locale, RawHtml body, PageHead head) =>
        templates.Render("layout", new Dictionary<string, object?> { ["page"] = head, ["body"] = body, ["t"] = locale.Strings }).Value;
}
