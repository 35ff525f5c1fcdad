using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Surveys;

/// <summary>
/// The page a form post leads to, worked out from the post alone: Back goes to the page before on the fan's path, Next to
/// the page the logic picks, a refused page shows again with its errors (a refused whole response: the first page with
/// one). Nothing is kept on the server between pages; the answers so far travel in the form.
/// </summary>
public sealed record SurveyStep(
    SurveySettings Survey,
    int Page,
    int Position,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Fields,
    IReadOnlyDictionary<string, SurveyAnswer> AnswersBefore,
    IReadOnlyList<AnswerError> Errors,
    string? ResponseId,
    SurveyResponseRequest? Input)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFields = new Dictionary<string, IReadOnlyList<string>>();

    public bool IsLastPage => Page == Survey.Pages.Count - 1;

    /// <summary>Whether the survey may end after this page: it is the last, or it has a jump to the end.</summary>
    public bool MayEnd => EndsAfter(Survey, Page);

    /// <summary>The contact fields go on a page the survey may end after.</summary>
    public bool ShowsContact { get; init; }

    /// <summary>When the fan's first Next was taken; null on the first page, before it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The hidden fields' values (from the fan's link), carried from page to page.</summary>
    public IReadOnlyDictionary<string, string> Hidden { get; init; } = new Dictionary<string, string>();

    public static SurveyStep Of(SurveySettings survey, FormState? form, bool contact, DateTimeOffset now)
    {
        if (form?.Input is not SurveyResponseRequest { Fields: { } fields } input)
        {
            return new SurveyStep(survey, 0, 0, NoFields, new Dictionary<string, SurveyAnswer>(), [], null, null) { ShowsContact = contact && EndsAfter(survey, 0) };
        }
        var current = Math.Max(0, SurveyFlow.IndexOf(survey, input.Page));
        var toCurrent = SurveyFlow.Follow(survey, fields, until: current);
        var position = IndexOnPath(toCurrent.Path, current);
        var (target, errors) = form.Refusal switch
        {
            SubmissionRefusal.NextStep when input.Nav == SurveyResponseRequest.Resume => (current, (IReadOnlyList<AnswerError>)[]),
            SubmissionRefusal.NextStep when input.Nav == SurveyResponseRequest.Back => (position > 0 ? toCurrent.Path[position - 1] : 0, (IReadOnlyList<AnswerError>)[]),
            SubmissionRefusal.NextStep => (SurveyFlow.NextPage(survey, current, toCurrent.Answers) ?? current, []),
            SubmissionRefusal.InvalidInput => Refused(survey, fields, toCurrent, current),
            _ => (current, []),
        };
        var toTarget = SurveyFlow.Follow(survey, fields, until: target);
        return new SurveyStep(survey, target, IndexOnPath(toTarget.Path, target), fields, toTarget.Answers, errors,
            input.ResponseId ?? input.MintedId ?? Guid.NewGuid().ToString("N"), input)
        {
            ShowsContact = contact && EndsAfter(survey, target),
            Hidden = SurveyRespond.HiddenValues(survey, input, new FieldErrors()),
            StartedAt = input.StartedAt ?? now,
        };
    }

    private static bool EndsAfter(SurveySettings survey, int page) =>
        page == survey.Pages.Count - 1 || survey.Pages[page].Jumps.Any(j => j.To == SurveyJump.End);

    private static (int, IReadOnlyList<AnswerError>) Refused(
        SurveySettings survey, IReadOnlyDictionary<string, IReadOnlyList<string>> fields, SurveyFlow.Walk toCurrent, int current)
    {
        var here = toCurrent.ErrorsOn(survey, current).ToList();
        if (here.Count > 0) return (current, here);
        var whole = SurveyFlow.Follow(survey, fields);
        var first = whole.FirstPageWithErrors(survey) ?? current;
        // An error of the whole response (too long together) names no question: it shows where the fan is.
        return (first, whole.ErrorsOn(survey, first).Concat(whole.Errors.Where(e => e.Question.Length == 0)).ToList());
    }

    private static int IndexOnPath(IReadOnlyList<int> path, int page)
    {
        for (var i = 0; i < path.Count; i++)
        {
            if (path[i] == page) return i;
        }
        return 0;
    }

    /// <summary>
    /// The hidden fields of the page: where it is, the response's id, every answer of the other pages, and the contact
    /// details when this page does not show their fields.
    /// </summary>
    public IReadOnlyList<HiddenField> Carried()
    {
        var onThisPage = Survey.Pages[Page].Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var hidden = new List<HiddenField> { new(SurveyRespond.PageField, Survey.Pages[Page].Id) };
        if (ResponseId is not null) hidden.Add(new HiddenField(SurveyRespond.ResponseField, ResponseId));
        if (StartedAt is { } started) hidden.Add(new HiddenField(SurveyRespond.StartedField, started.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        hidden.AddRange(Hidden.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new HiddenField(SurveyRespond.HiddenPrefix + h.Key, h.Value)));
        foreach (var (key, values) in Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (onThisPage.Contains(dot < 0 ? key : key[..dot]) || Survey.FindQuestion(dot < 0 ? key : key[..dot]) is null) continue;
            hidden.AddRange(values.Where(v => v.Length > 0).Select(v => new HiddenField(SurveyRespond.FieldPrefix + key, v)));
        }
        if (!ShowsContact && Input is not null)
        {
            if (!string.IsNullOrEmpty(Input.Email)) hidden.Add(new HiddenField("email", Input.Email));
            if (!string.IsNullOrEmpty(Input.Name)) hidden.Add(new HiddenField("name", Input.Name));
            if (Input.Consent == true) hidden.Add(new HiddenField("consent", "yes"));
        }
        return hidden;
    }
}
