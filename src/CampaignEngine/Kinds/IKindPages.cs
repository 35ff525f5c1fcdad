using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using CampaignEngine.Submissions;

namespace CampaignEngine.Kinds;

/// <summary>The kind's fan pages, rendered inside the core's page shell (layout, language, headers).</summary>
public interface IKindPages
{
    /// <summary>
    /// The campaign's page at <c>/c/{slug}</c>. <paramref name="form"/> is set when a form post was
    /// refused and the page is shown again with what the fan typed and the errors.
    /// </summary>
    /// <paramref name="participation"/> is the returning fan's standing per action code (from their own cookies),
    /// empty for a fan who has not taken part, so the page can show "you voted for …" instead of an empty form.
    string Campaign(Campaign campaign, Availability availability, FanLinks links, KindResults? results, FormState? form = null,
        IReadOnlyDictionary<string, Participation>? participation = null);

    /// <summary>
    /// The campaign's page for a link whose query string means something to the kind (a survey's hidden fields,
    /// <c>?source=instagram</c>), rendered for that visitor alone; null, the default, when the query changes nothing and
    /// the shared page serves.
    /// </summary>
    string? CampaignForLink(Campaign campaign, Availability availability, FanLinks links, IQueryCollection query) => null;

    /// <summary>The public results page at <c>/c/{slug}/results</c>, marking the fan's own choice when there is one.</summary>
    string Results(Campaign campaign, Availability availability, FanLinks links, KindResults results,
        IReadOnlyDictionary<string, Participation>? participation = null);

    /// <summary>A compact view of the results, for message pages such as "this campaign has closed".</summary>
    RawHtml Summary(PageLocale locale, KindResults results);

    /// <summary>The standing a results share card shows (leading first); empty when fans may not see results yet.</summary>
    IReadOnlyList<ShareCards.ShareCardStanding> CardStanding(Campaign campaign, Availability availability, KindResults results);
}

/// <summary>A refused form post: what the fan sent, why it was refused, and the field errors.</summary>
public sealed record FormState(IFanInput Input, SubmissionRefusal Refusal, IReadOnlyDictionary<string, string[]>? Errors);
