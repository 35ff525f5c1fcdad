using System.Globalization;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using CampaignEngine.Submissions;

namespace CampaignEngine.Polls;

/// <summary>The poll's page (the ballot), its results page and its results summary, inside the core's page shell.</summary>
public sealed class PollPages(FanPageViews shell) : IKindPages
{
    public string Campaign(Campaign campaign, Availability availability, FanLinks links, KindResults? results, FormState? form = null,
        IReadOnlyDictionary<string, Participation>? participation = null)
    {
        var poll = campaign.SettingsAs<PollSettings>();
        var locale = shell.LocaleOf(campaign);
        var input = form?.Input as PollVoteRequest;
        var chosen = input?.OptionIds ?? (input?.OptionId is { } one ? [one] : []);
        var voted = participation?.GetValueOrDefault(PollKind.VoteCode);
        // A fan with no vote left sees their choice and the standing, not a form that would only refuse them.
        var open = availability == Availability.Open && voted is not { AllowanceLeft: false };
        var showResults = results is PollResults && (availability == Availability.Closed || (voted is not null && !ResultsHidden(poll, availability)));

        var errors = form is null ? ErrorsView.None : Errors(locale, poll, form);
        var body = shell.Render("poll", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["notice"] = shell.Notice(locale, campaign, availability),
            ["form"] = open ? shell.Form(campaign, links, PollKind.VoteRoute, form?.Input) : null,
            ["errors"] = errors,
            ["multiple"] = poll.IsMultipleChoice,
            ["choose_text"] = ChooseText(locale, poll),
            ["options"] = poll.Options
                .Select((o, i) => new OptionView(o.Id, $"option-{i + 1}", o.Label, chosen.Contains(o.Id),
                    campaign.Images.GetValueOrDefault(PollKind.OptionImagePrefix + o.Id) is { } image ? links.Media(image) : null))
                .ToList(),
            ["contact_fields"] = shell.ContactFields(locale, campaign, form?.Input, errors),
            ["closes"] = open && campaign.EndsAt is { } ends ? locale.Format("open_until", locale.DateTime(ends)) : null,
            ["results_list"] = showResults ? Summary(locale, results!, Mine(voted)) : null,
            ["voted"] = voted is null ? null : new NoticeView(locale["you_voted_title"], locale.Format("you_voted_for", ChoiceText(poll, voted))),
            ["results_hidden"] = ResultsHidden(poll, availability),
            ["links"] = new LinksView(links.Page, links.Results, links.QrSvg),
        });
        return shell.Layout(locale, body, shell.Head(campaign, locale, campaign.Title, links.Absolute.Page, links, "index, follow"));
    }

    public string Results(Campaign campaign, Availability availability, FanLinks links, KindResults results,
        IReadOnlyDictionary<string, Participation>? participation = null)
    {
        var voted = participation?.GetValueOrDefault(PollKind.VoteCode);
        var poll = campaign.SettingsAs<PollSettings>();
        var locale = shell.LocaleOf(campaign);
        var title = locale.Format("results_title", campaign.Title);
        var hidden = ResultsHidden(poll, availability);
        var body = shell.Render("results", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["notice"] = hidden ? new NoticeView(locale["results_hidden_title"], locale["results_hidden_text"]) : shell.Notice(locale, campaign, availability),
            ["results_list"] = hidden ? null : Summary(locale, results, Mine(voted)),
            ["voted"] = voted is null ? null : new NoticeView(locale["you_voted_title"], locale.Format("you_voted_for", ChoiceText(poll, voted))),
            ["can_vote"] = availability == Availability.Open,
            ["links"] = new LinksView(links.Page, links.Results, links.QrSvg),
            ["share_links"] = shell.Share(locale, locale["share_results_heading"], links.Absolute.Results, locale.Format("share_results_text", campaign.Title)),
        });
        return shell.Layout(locale, body, shell.Head(campaign, locale, title, links.Absolute.Results, links, hidden ? "noindex" : "index, follow",
            resultsCard: true));
    }

    public RawHtml Summary(PageLocale locale, KindResults results) => Summary(locale, results, new HashSet<string>());

    private RawHtml Summary(PageLocale locale, KindResults results, IReadOnlySet<string> mine)
    {
        var poll = (PollResults)results;
        var max = poll.Options.Count == 0 ? 0 : poll.Options.Max(o => o.Votes);
        var rows = poll.Options.Select(o => new ResultRow(
                o.Label,
                locale.Count("votes", o.Votes),
                locale.Percent(o.Percent),
                Math.Clamp(o.Percent, 0, 100).ToString("0.#", CultureInfo.InvariantCulture),
                max > 0 && o.Votes == max,
                mine.Contains(o.Id)))
            .ToList();
        return shell.Render("results-list", locale, new()
        {
            ["results"] = new ResultsView(rows,
                locale.Format("total_votes", locale.Number(poll.TotalVotes)),
                locale.Format("last_updated", locale.DateTime(poll.UpdatedAt)),
                poll.TotalVotes == 0,
                Review.ReviewNote.Of(locale, poll)),
        });
    }

    private static IReadOnlySet<string> Mine(Participation? voted) =>
        voted?.LastData is { } data ? data.Split(',').ToHashSet() : new HashSet<string>();

    /// <summary>The labels of the options the fan chose last, in the poll's order.</summary>
    private static string ChoiceText(PollSettings poll, Participation voted)
    {
        var mine = Mine(voted);
        var labels = poll.Options.Where(o => mine.Contains(o.Id)).Select(o => o.Label).ToList();
        return labels.Count == 0 ? "…" : string.Join(", ", labels);
    }

    public IReadOnlyList<ShareCards.ShareCardStanding> CardStanding(Campaign campaign, Availability availability, KindResults results) =>
        ResultsHidden(campaign.SettingsAs<PollSettings>(), availability) || results is not PollResults { TotalVotes: > 0 } poll
            ? []
            : poll.Options.OrderByDescending(o => o.Votes).Select(o => new ShareCards.ShareCardStanding(o.Label, o.Percent)).ToList();

    /// <summary>Fans see no standing before the close when the marketer chose so.</summary>
    public static bool ResultsHidden(PollSettings poll, Availability availability) =>
        poll.HideResultsUntilClosed && availability is not (Availability.Closed or Availability.Archived);

    private static string ChooseText(PageLocale locale, PollSettings poll) => poll switch
    {
        { IsMultipleChoice: false } => locale["choose_option"],
        { MinChoices: var min, MaxChoices: var max } when min == max => locale.Format("choose_exactly", locale.Number(max)),
        { MinChoices: > 1 } => locale.Format("choose_between", locale.Number(poll.MinChoices), locale.Number(poll.MaxChoices)),
        _ => locale.Format("choose_up_to", locale.Number(poll.MaxChoices)),
    };

    private static ErrorsView Errors(PageLocale locale, PollSettings poll, FormState form)
    {
        var fields = form.Errors ?? new Dictionary<string, string[]>();
        var input = (PollVoteRequest)form.Input;
        var choiceField = fields.ContainsKey("optionIds") ? "optionIds" : "optionId";
        string? choice = null;
        if (fields.ContainsKey(choiceField) || form.Refusal == SubmissionRefusal.InvalidInput)
        {
            var picked = input.OptionIds?.Count ?? (input.OptionId is null ? 0 : 1);
            choice = picked == 0 ? locale["error_choose_option"]
                : picked > 0 && (input.OptionIds ?? [input.OptionId!]).Any(id => poll.FindOption(id) is null) ? locale["error_invalid_option"]
                : ChooseText(locale, poll);
        }
        return FanPageViews.ContactErrors(locale, form, choice);
    }
}
