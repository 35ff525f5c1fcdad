using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;

namespace CampaignEngine.Review;

/// <summary>The line a results page shows when some submissions wait for review or were discarded: the public sees that the count is not all there is.</summary>
public static class ReviewNote
{
    public static string? Of(PageLocale locale, KindResults results)
    {
        if (results.Held == 0 && results.Discarded == 0) return null;
        var parts = new List<string>(2);
        if (results.Held > 0) parts.Add(locale.Format("review_held", locale.Number(results.Held)));
        if (results.Discarded > 0) parts.Add(locale.Format("review_discarded", locale.Number(results.Discarded)));
        return string.Join(" · ", parts);
    }
}
