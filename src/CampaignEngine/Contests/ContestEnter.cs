using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>
/// An entry to a contest, on the shared submission path: checked here, queued, counted once by the projection, and
/// then written to the entries table (<see cref="AfterProjectionAsync"/>) where moderation and the gallery find it.
/// </summary>
public sealed class ContestEnter(EntryStore entries, TimeProvider time) : ISubmissionAction
{
    public const string EntriesCounter = "entries";

    /// <summary>The error's field when the entry window is not open.</summary>
    public const string WindowField = "window";

    public string Code => "e";
    public string Route => "entries";
    public Type InputType => typeof(EntryRequest);
    public string LimitReachedDetail => "You have already sent all the entries this contest takes from one participant.";

    public AllowanceRule AllowanceOf(Campaign campaign) =>
        new(campaign.SettingsAs<ContestSettings>().EntriesPerParticipant, VotingPeriod.Campaign);

    public IFanInput ReadForm(IFormCollection form) => new EntryRequest(
        form["title"].FirstOrDefault(), form["caption"].FirstOrDefault(),
        FanFormFields.Email(form), FanFormFields.Name(form), FanFormFields.Consent(form));

    public ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        var entry = (EntryRequest)input;
        var errors = new FieldErrors();
        if (!contest.EntryWindow.Contains(time.GetUtcNow()))
        {
            errors.Add(WindowField, contest.EntryWindow.OpensAt > time.GetUtcNow() ? "Entries are not open yet." : "Entries have closed.");
            return ValueTask.FromResult(SubmissionCheck.Invalid(errors));
        }
        CampaignValidator.CheckText(entry.Title, "title", contest.TitleMaxLength, required: true, errors);
        if (contest.CaptionMaxLength == 0 && !string.IsNullOrWhiteSpace(entry.Caption)) errors.Add("caption", "This contest's entries have no caption.");
        else CampaignValidator.CheckText(entry.Caption, "caption", contest.CaptionMaxLength, required: false, errors);
        if (errors.Any) return ValueTask.FromResult(SubmissionCheck.Invalid(errors));

        var status = contest.Moderation == ModerationMode.Post ? EntryStatus.Approved : EntryStatus.Pending;
        var caption = string.IsNullOrWhiteSpace(entry.Caption) ? null : entry.Caption.Trim();
        return ValueTask.FromResult(SubmissionCheck.Valid(new EntryData(entry.Title!.Trim(), caption, status).Write()));
    }

    public void Project(SubmissionAccepted submission, ProjectionRow row)
    {
        row.Set("EntryId", EntryKeys.IdOf(submission.Receipt));
        row.Count(EntriesCounter);
    }

    public async Task AfterProjectionAsync(IReadOnlyList<SubmissionAccepted> submissions, CancellationToken cancellationToken)
    {
        foreach (var contest in submissions.GroupBy(s => s.Slug))
        {
            await entries.AddIfAbsentAsync(contest.Key, contest.Select(s =>
            {
                var data = EntryData.Read(s.Data);
                // A suspect entry waits for a moderator whatever the contest's mode.
                var status = s.Held ? EntryStatus.Pending : data.Status;
                return new Entry(EntryKeys.IdOf(s.Receipt), data.Title, data.Caption, status, false, s.AcceptedAt, null, null, s.AcceptedAt);
            }), cancellationToken);
        }
    }
}

/// <summary>An entry as a JSON body (or the same fields as a form): a title, an optional caption, and contact details.</summary>
[Description("An entry: its title, an optional caption, and the contact details the contest asks for.")]
[OpenApiExample("""{ "title": "The Midnight Maple", "caption": "Maple glaze, a pinch of sea salt and crushed pecans.", "email": "ana@example.com", "consent": true }""")]
public sealed record EntryRequest(
    [property: Description("What the gallery shows first; at most the contest's titleMaxLength characters.")] string? Title,
    [property: Description("Optional text under the title; at most the contest's captionMaxLength characters.")] string? Caption,
    [property: EmailAddress, MaxLength(ContactRules.MaxEmail)]
    [property: Description("The fan's email address, when the contest's contact mode is optional or required; dropped when it is off.")]
    string? Email,
    [property: MaxLength(ContactRules.MaxName)]
    [property: Description("The fan's name, optional; kept only with consent.")]
    string? Name,
    [property: Description("true when the fan ticked the consent box (the contest's consentText).")]
    bool? Consent) : IFanInput
{
    public EntryRequest() : this(null, null, null, null, null) { }
}
