using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using CampaignEngine.Submissions;

namespace CampaignEngine.Surveys;

/// <summary>
/// The survey's pages inside the core's shell: the form one page at a time (which page follows from the form post itself,
/// see <see cref="SurveyStep"/>), and the public results of the questions marked public.
/// </summary>
public sealed class SurveyPages(FanPageViews shell, TimeProvider time) : IKindPages
{
    public string Campaign(Campaign campaign, Availability availability, FanLinks links, KindResults? results, FormState? form = null,
        IReadOnlyDictionary<string, Participation>? participation = null) =>
        Render(campaign, availability, links, form, participation, null);

    /// <summary>A link that fills hidden fields (<c>?source=instagram</c>) gets the first page carrying them.</summary>
    public string? CampaignForLink(Campaign campaign, Availability availability, FanLinks links, IQueryCollection query)
    {
        var survey = campaign.SettingsAs<SurveySettings>();
        var hidden = survey.HiddenFields
            .Select(name => (Name: name, Value: query[name].FirstOrDefault() ?? ""))
            .Where(h => h.Value.Length is > 0 and <= SurveySettingsValidator.MaxHiddenValue)
            .ToDictionary(h => h.Name, h => h.Value, StringComparer.Ordinal);
        return hidden.Count == 0 ? null : Render(campaign, availability, links, null, null, hidden);
    }

    private string Render(Campaign campaign, Availability availability, FanLinks links, FormState? form,
        IReadOnlyDictionary<string, Participation>? participation, IReadOnlyDictionary<string, string>? hidden)
    {
        var survey = campaign.SettingsAs<SurveySettings>();
        var locale = shell.LocaleOf(campaign);
        var answered = participation?.GetValueOrDefault(SurveyKind.RespondCode);
        var open = availability == Availability.Open && answered is not { AllowanceLeft: false };
        var step = open ? SurveyStep.Of(survey, form, campaign.Contact.Mode != ContactMode.Off, time.GetUtcNow()) : null;
        if (step is not null && hidden is not null) step = step with { Hidden = hidden };
        var contactErrors = ContactErrors(locale, form);
        var body = shell.Render("survey", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["notice"] = shell.Notice(locale, campaign, availability),
            ["answered"] = answered is null ? null : new NoticeView(locale["you_answered_title"], locale["you_answered_text"]),
            ["form"] = step is null ? null : shell.Form(campaign, links, SurveyKind.RespondRoute, form?.Input),
            ["page"] = step is null ? null : PageView(survey, locale, step),
            ["errors"] = step is null ? [] : Errors(locale, step, contactErrors),
            ["contact"] = step is { ShowsContact: true } ? shell.ContactFields(locale, campaign, form?.Input, contactErrors) : null,
            ["closes"] = open && campaign.EndsAt is { } ends ? locale.Format("open_until", locale.DateTime(ends)) : null,
            ["results_link"] = ResultsHidden(survey, availability) || !survey.Questions.Any(q => q.Public) ? null : links.Results,
            ["links"] = new LinksView(links.Page, links.Results, links.QrSvg),
        });
        return shell.Layout(locale, body, shell.Head(campaign, locale, campaign.Title, links.Absolute.Page, links, "index, follow"));
    }

    public string Results(Campaign campaign, Availability availability, FanLinks links, KindResults results,
        IReadOnlyDictionary<string, Participation>? participation = null)
    {
        var survey = campaign.SettingsAs<SurveySettings>();
        var locale = shell.LocaleOf(campaign);
        var hidden = ResultsHidden(survey, availability);
        var title = locale.Format("results_title", campaign.Title);
        var body = shell.Render("survey-results", locale, new()
        {
            ["campaign"] = new CampaignView(campaign.Title, campaign.Description),
            ["notice"] = hidden ? new NoticeView(locale["results_hidden_title"], locale["results_hidden_text"]) : shell.Notice(locale, campaign, availability),
            ["summary"] = hidden ? null : Summary(locale, results),
            ["questions"] = hidden ? [] : SurveyResultViews.Of(locale, (SurveyResults)results),
            ["can_answer"] = availability == Availability.Open,
            ["links"] = new LinksView(links.Page, links.Results, links.QrSvg),
            ["share_links"] = shell.Share(locale, locale["share_results_heading"], links.Absolute.Results, locale.Format("share_results_text", campaign.Title)),
        });
        return shell.Layout(locale, body, shell.Head(campaign, locale, title, links.Absolute.Results, links, hidden ? "noindex" : "index, follow",
            resultsCard: true));
    }

    public RawHtml Summary(PageLocale locale, KindResults results)
    {
        var survey = (SurveyResults)results;
        return shell.Render("survey-totals", locale, new()
        {
            ["totals"] = locale.Count("responses", survey.Responses),
            ["updated"] = locale.Format("last_updated", locale.DateTime(survey.UpdatedAt)),
            ["review"] = Review.ReviewNote.Of(locale, survey),
        });
    }

    /// <summary>A results card shows the first public choice question's standing.</summary>
    public IReadOnlyList<ShareCards.ShareCardStanding> CardStanding(Campaign campaign, Availability availability, KindResults results) =>
        ResultsHidden(campaign.SettingsAs<SurveySettings>(), availability) || results is not SurveyResults survey
            ? []
            : survey.Questions.FirstOrDefault(q => q.Public && q.Options is { Count: > 0 } && q.Answered > 0) is { } first
                ? first.Options!.OrderByDescending(o => o.Count).Select(o => new ShareCards.ShareCardStanding(o.Label, o.Percent)).ToList()
                : [];

    public static bool ResultsHidden(SurveySettings survey, Availability availability) =>
        survey.HideResultsUntilClosed && availability is not (Availability.Closed or Availability.Archived);

    private static SurveyPageView PageView(SurveySettings survey, PageLocale locale, SurveyStep step)
    {
        var page = survey.Pages[step.Page];
        var errors = step.Errors.GroupBy(e => e.Question, StringComparer.Ordinal).ToDictionary(g => g.Key, g => ErrorText(locale, g.First()), StringComparer.Ordinal);
        var questions = page.Questions.Where(q => SurveyFlow.IsShown(q, step.AnswersBefore))
            .Select(q => SurveyQuestionViews.Of(q, locale, step.Fields, errors.GetValueOrDefault(q.Id)))
            .ToList();
        return new SurveyPageView(page.Id, page.Title,
            locale.Format("survey_progress", locale.Number(step.Page + 1), locale.Number(survey.Pages.Count)), step.Page + 1, survey.Pages.Count,
            questions, step.Carried(), step.Position > 0, step.IsLastPage, step.MayEnd);
    }

    public static string ErrorText(PageLocale locale, AnswerError error) =>
        locale.Format("survey_error_" + error.Code, error.Args.Select(a => (object)(a is decimal d ? locale.Decimal((double)d) : a is int i ? locale.Number(i) : a)).ToArray());

    private static IReadOnlyList<SurveyErrorView> Errors(PageLocale locale, SurveyStep step, ErrorsView contact) =>
        step.Errors.Select(e => new SurveyErrorView(e.Question.Length == 0 ? "survey-form" : SurveyQuestionViews.AnchorOf(e.Question), ErrorText(locale, e)))
            .Concat(step.ShowsContact ? contact.Items.Select(i => new SurveyErrorView(i.Target, i.Message)) : [])
            .ToList();

    /// <summary>The contact fields' errors, when the refusal was theirs (a refused answer is the questions' to show).</summary>
    private static ErrorsView ContactErrors(PageLocale locale, FormState? form)
    {
        if (form is null) return ErrorsView.None;
        var theirs = form.Refusal is SubmissionRefusal.InvalidContact or SubmissionRefusal.ConsentRequired
                     || form.Errors?.Keys.Any(k => k is "email" or "name" or "consent") == true;
        return theirs ? FanPageViews.ContactErrors(locale, form, null) : ErrorsView.None;
    }
}
