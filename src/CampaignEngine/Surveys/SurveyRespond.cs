using System.Text.Json;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;

namespace CampaignEngine.Surveys;

/// <summary>
/// A response to a survey, on the shared submission path. A form post of a page that is not the last is a step (nothing
/// is submitted; the next page is shown with the answers so far); the last page's post, or a JSON body, is the response,
/// checked whole along the path the logic takes.
/// </summary>
public sealed class SurveyRespond(SurveyStart start, TimeProvider time, Quotas.QuotaStore quotas) : ISubmissionAction
{
    /// <summary>The prefix of form fields that carry answers: <c>q.{question}</c>, <c>q.{question}.{row or option}</c>.</summary>
    public const string FieldPrefix = "q.";
    public const string PageField = "ce_page";
    public const string NavField = "ce_nav";
    public const string ResponseField = "ce_response";

    /// <summary>When the first Next was taken, in Unix seconds: the start of the time to complete.</summary>
    public const string StartedField = "ce_started";

    /// <summary>A time to complete longer than this is a tab left open, not a time to count.</summary>
    public static readonly TimeSpan LongestTimed = TimeSpan.FromDays(7);

    /// <summary>The prefix of the form fields that carry the hidden fields: <c>h.{name}</c>.</summary>
    public const string HiddenPrefix = "h.";

    /// <summary>
    /// A response's data, written as one JSON string in a queue message whose other characters are few: kept well under the
    /// message's 47,000 bytes even when every character is escaped.
    /// </summary>
    public const int MaxDataBytes = 40_000;

    public string Code => SurveyKind.RespondCode;
    public string Route => SurveyKind.RespondRoute;
    public Type InputType => typeof(SurveyResponseRequest);
    public string LimitReachedDetail => "You have already answered this survey.";

    public AllowanceRule AllowanceOf(Campaign campaign) => new(campaign.SettingsAs<SurveySettings>().ResponsesPerDevice, VotingPeriod.Campaign);

    public IFanInput ReadForm(IFormCollection form)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (key.StartsWith(FieldPrefix, StringComparison.Ordinal) && key.Length > FieldPrefix.Length)
            {
                fields[key[FieldPrefix.Length..]] = values.OfType<string>().ToList();
            }
            else if (key.StartsWith(HiddenPrefix, StringComparison.Ordinal) && values.FirstOrDefault() is { } value)
            {
                hidden[key[HiddenPrefix.Length..]] = value;
            }
        }
        return new SurveyResponseRequest
        {
            ResponseId = Blank(form[ResponseField].FirstOrDefault()),
            MintedId = Guid.NewGuid().ToString("N"),
            Fields = fields,
            Hidden = hidden,
            Page = form[PageField].FirstOrDefault(),
            StartedAt = long.TryParse(form[StartedField].FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var started)
                        && started < 100_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(started) : null,
            Nav = form[NavField].FirstOrDefault() == SurveyResponseRequest.Back ? SurveyResponseRequest.Back : SurveyResponseRequest.Next,
            Email = FanFormFields.Email(form),
            Name = FanFormFields.Name(form),
            Consent = FanFormFields.Consent(form),
        };
    }

    public async ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken)
    {
        var survey = campaign.SettingsAs<SurveySettings>();
        var response = (SurveyResponseRequest)input;
        var check = Check(survey, response);
        // A fan whose answers so far put them in a full quota that ends is told now, not after the last page.
        if (check.IsStep && response.Nav == SurveyResponseRequest.Next && survey.Quotas.Any(q => q.WhenFull == Quotas.QuotaFull.End)
            && await InFullQuotaAsync(campaign.Slug, survey, response, cancellationToken))
        {
            return SubmissionCheck.Refuse(SubmissionRefusal.Full);
        }
        return check;
    }

    private async Task<bool> InFullQuotaAsync(string slug, SurveySettings survey, SurveyResponseRequest response, CancellationToken cancellationToken)
    {
        var page = Math.Max(0, SurveyFlow.IndexOf(survey, response.Page));
        var soFar = SurveyResponseData.Of(survey, SurveyFlow.Follow(survey, response.Fields ?? new Dictionary<string, IReadOnlyList<string>>(), until: page).Answers,
            HiddenValues(survey, response, new FieldErrors()));
        foreach (var quota in survey.Quotas.Where(q => q.WhenFull == Quotas.QuotaFull.End && Quotas.QuotaRules.Matches(q, survey, soFar)))
        {
            if (await quotas.IsFullAsync(slug, quota.Id, quota.Limit, cancellationToken)) return true;
        }
        return false;
    }

    public SubmissionCheck Check(SurveySettings survey, SurveyResponseRequest response)
    {
        var errors = new FieldErrors();
        var fields = response.Fields ?? SurveyJsonAnswers.Fields(survey, response.Answers, errors);
        if (errors.Any) return SubmissionCheck.Invalid(errors);

        if (response.Fields is not null && SurveyFlow.IndexOf(survey, response.Page) is var page and >= 0)
        {
            if (response.Nav == SurveyResponseRequest.Back) return SubmissionCheck.Step(Draft(survey, response));
            var upToHere = SurveyFlow.Follow(survey, fields, until: page);
            var onThisPage = upToHere.ErrorsOn(survey, page).ToList();
            if (onThisPage.Count > 0) return Invalid(onThisPage);
            if (upToHere.Path[^1] == page && SurveyFlow.NextPage(survey, page, upToHere.Answers) is not null)
            {
                // The first Next mints the response's id (the page it leads to carries it): that is when a response starts.
                return SubmissionCheck.Step(Draft(survey, response), response.ResponseId is null ? new StepStart(start, "") : null);
            }
        }

        var walk = SurveyFlow.Follow(survey, fields);
        if (walk.Errors.Count > 0) return Invalid(walk.Errors);
        var hidden = HiddenValues(survey, response, errors);
        if (errors.Any) return SubmissionCheck.Invalid(errors);
        var taken = response.StartedAt is { } started ? time.GetUtcNow() - started : (TimeSpan?)null;
        var seconds = taken is { } t && t >= TimeSpan.Zero && t <= LongestTimed ? (int)t.TotalSeconds : (int?)null;
        var data = SurveyResponseData.Of(survey, walk.Answers, hidden, seconds).Write();
        if (JsonSerializer.SerializeToUtf8Bytes(data, MessageJson.Options).Length > MaxDataBytes)
        {
            return Invalid([new AnswerError("", AnswerErrors.ResponseTooLong)]);
        }
        return SubmissionCheck.Valid(data);
    }

    public bool KeepsDrafts => true;

    /// <summary>Where the step leads, and every answer so far: what a fan coming back on this device goes on from.</summary>
    private string Draft(SurveySettings survey, SurveyResponseRequest response)
    {
        var step = SurveyStep.Of(survey, new FormState(response, SubmissionRefusal.NextStep, null), contact: false, time.GetUtcNow());
        return JsonSerializer.Serialize(new SurveyDraft(survey.Pages[step.Page].Id, step.ResponseId, step.StartedAt?.ToUnixTimeSeconds(), step.Fields, step.Hidden),
            MessageJson.Options);
    }

    public IFanInput? ReadDraft(string draft)
    {
        try
        {
            var kept = JsonSerializer.Deserialize<SurveyDraft>(draft, MessageJson.Options);
            return kept is null ? null : new SurveyResponseRequest
            {
                Page = kept.Page,
                Nav = SurveyResponseRequest.Resume,
                ResponseId = kept.Response,
                StartedAt = kept.Started is { } started ? DateTimeOffset.FromUnixTimeSeconds(started) : null,
                Fields = kept.Fields,
                Hidden = new Dictionary<string, string>(kept.Hidden),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record SurveyDraft(
        string Page, string? Response, long? Started, IReadOnlyDictionary<string, IReadOnlyList<string>> Fields, IReadOnlyDictionary<string, string> Hidden);

    /// <summary>
    /// The hidden fields' values the survey declares. A form's come from a link anyone can edit, so what does not fit is
    /// dropped there; a JSON body's are the API client's to fix, so they are refused naming the field.
    /// </summary>
    public static Dictionary<string, string> HiddenValues(SurveySettings survey, SurveyResponseRequest response, FieldErrors errors)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in response.Hidden ?? [])
        {
            var fits = survey.HiddenFields.Contains(name) && value.Length <= SurveySettingsValidator.MaxHiddenValue;
            if (fits && value.Length > 0) kept[name] = value;
            else if (!fits && response.Fields is null)
            {
                errors.Add("hidden." + name, survey.HiddenFields.Contains(name)
                    ? $"At most {SurveySettingsValidator.MaxHiddenValue} characters."
                    : "This survey has no such hidden field.");
            }
        }
        return kept;
    }

    private static SubmissionCheck Invalid(IEnumerable<AnswerError> refused)
    {
        var errors = new FieldErrors();
        foreach (var error in refused) errors.Add(error.Question.Length == 0 ? "answers" : "answers." + error.Question, error.English);
        return SubmissionCheck.Invalid(errors);
    }

    /// <summary>
    /// Takes a place in every quota the response meets, then in the response limit. A full quota that ends refuses it
    /// (the places taken so far are given back); one that lets it through keeps it uncounted, taking no place anywhere.
    /// </summary>
    public async ValueTask<Reservation?> ReserveAsync(Campaign campaign, string data, CancellationToken cancellationToken)
    {
        var survey = campaign.SettingsAs<SurveySettings>();
        if (survey.Quotas.Count == 0 && survey.ResponseLimit is null) return null;
        var response = SurveyResponseData.Read(data);
        var taken = new List<string>();
        var overQuota = false;
        try
        {
            foreach (var quota in survey.Quotas.Where(q => Quotas.QuotaRules.Matches(q, survey, response)))
            {
                if (await quotas.TryTakeAsync(campaign.Slug, quota.Id, quota.Limit, cancellationToken)) taken.Add(quota.Id);
                else if (quota.WhenFull == Quotas.QuotaFull.End) return await GiveBackAsync(campaign.Slug, taken, Reservation.Full);
                else overQuota = true;
            }
            if (overQuota) return await GiveBackAsync(campaign.Slug, taken, new Reservation(false, (response with { OverQuota = true }).Write()));
            if (survey.ResponseLimit is { } limit)
            {
                if (!await quotas.TryTakeAsync(campaign.Slug, Quotas.QuotaRules.ResponseLimitId, limit, cancellationToken))
                {
                    return await GiveBackAsync(campaign.Slug, taken, Reservation.Full);
                }
                taken.Add(Quotas.QuotaRules.ResponseLimitId);
            }
        }
        catch
        {
            await GiveBackAsync(campaign.Slug, taken, Reservation.Full);
            throw;
        }
        return new Reservation(false, Release: () => GiveBackAsync(campaign.Slug, taken, Reservation.Full));
    }

    private async Task<Reservation> GiveBackAsync(string slug, List<string> taken, Reservation answer)
    {
        foreach (var quota in taken) await quotas.GiveBackAsync(slug, quota, CancellationToken.None);
        taken.Clear();
        return answer;
    }

    public void Project(SubmissionAccepted submission, ProjectionRow row)
    {
        row.Set("Answers", submission.Data);
        SurveyTally.Project(SurveyResponseData.Read(submission.Data), row);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
