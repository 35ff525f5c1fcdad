using System.Globalization;
using CampaignEngine.Pages.Localization;

namespace CampaignEngine.Surveys;

/// <summary>The public results page's questions (only those marked public), formatted for the page's locale.</summary>
public static class SurveyResultViews
{
    public static IReadOnlyList<QuestionResultView> Of(PageLocale locale, SurveyResults results) =>
        results.Questions.Where(q => q.Public).Select(q => Question(locale, q)).ToList();

    private static QuestionResultView Question(PageLocale locale, QuestionResult q)
    {
        var view = new QuestionResultView(q.Text, locale.Count("answers", q.Answered), Headline(locale, q));
        if (q.Options is { } options) return view with { Bars = Bars(locale, options.Select(o => (o.Id == SurveyQuestion.OtherOption && o.Label == "Other" ? locale["survey_other_choice"] : o.Label, o.Count, o.Percent))) };
        // NPS as its three groups: eleven bars say less, and run long on a phone.
        if (q.Nps is { } nps)
        {
            return view with
            {
                Bars = Bars(locale, [
                    (locale["survey_nps_detractors"], nps.Detractors, nps.DetractorPercent),
                    (locale["survey_nps_passives"], nps.Passives, nps.PassivePercent),
                    (locale["survey_nps_promoters"], nps.Promoters, nps.PromoterPercent)]),
            };
        }
        if (q.Distribution is { } points) return view with { Bars = Bars(locale, points.Select(p => (locale.Number(p.Value), p.Count, p.Percent))) };
        if (q.Matrix is { } rows)
        {
            return view with
            {
                Columns = rows.FirstOrDefault()?.Columns.Select(c => c.Label).ToList() ?? [],
                Matrix = rows.Select(r => new MatrixResultRow(r.Label, r.Columns.Select(c => locale.Percent(c.Percent)).ToList())).ToList(),
            };
        }
        if (q.Ranking is { } ranks)
        {
            return view with
            {
                Ranking = ranks.Select(r => new RankResultView(r.Label,
                    r.AverageRank is { } average ? locale.Format("survey_average_rank", locale.Decimal(average), locale.Number(r.FirstChoice)) : "—")).ToList(),
            };
        }
        return view;
    }

    private static string? Headline(PageLocale locale, QuestionResult q) => q switch
    {
        { Nps: { } nps } when q.Answered > 0 => locale.Format("survey_nps", Signed(locale, nps.Score)),
        { Average: { } average } => locale.Format("survey_average", locale.Decimal(average)),
        _ => null,
    };

    private static string Signed(PageLocale locale, double score) =>
        (score > 0 ? "+" : "") + locale.Decimal(score);

    private static IReadOnlyList<BarView> Bars(PageLocale locale, IEnumerable<(string Label, long Count, double Percent)> rows)
    {
        var list = rows.ToList();
        var max = list.Count == 0 ? 0 : list.Max(r => r.Count);
        // "1 (50%)", not "1 · 50%": beside Persian digits a middle dot reads as a zero.
        return list.Select(r => new BarView(r.Label, $"{locale.Number(r.Count)} ({locale.Percent(r.Percent)})",
            Math.Clamp(r.Percent, 0, 100).ToString("0.#", CultureInfo.InvariantCulture), max > 0 && r.Count == max)).ToList();
    }
}
