using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Kinds;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>
/// An entry to a contest, on the shared submission path: checked here, queued, counted once by the projection, and
/// then written to the entries table (<see cref="AfterProjectionAsync"/>) where moderation and the gallery find it.
/// </summary>
public sealed class ContestEnter(EntryStore entries, OutboundQueues queues, TimeProvider time) : ISubmissionAction
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
        FanFormFields.Email(form), FanFormFields.Name(form), FanFormFields.Consent(form))
    {
        Photo = ReadFile(form.Files.GetFile(EntryPhotos.Field)),
    };

    /// <summary>The file's bytes; null when the form has none (a file input left empty sends a part with no bytes).</summary>
    private static byte[]? ReadFile(IFormFile? file)
    {
        // The route's body limit bounds it; a file over the photo limit is read and refused by its size.
        if (file is null || file.Length == 0) return null;
        var bytes = new byte[file.Length];
        using var stream = file.OpenReadStream();
        stream.ReadExactly(bytes);
        return bytes;
    }

    public async ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        var entry = (EntryRequest)input;
        var errors = new FieldErrors();
        if (!contest.EntryWindow.Contains(time.GetUtcNow()))
        {
            errors.Add(WindowField, contest.EntryWindow.OpensAt > time.GetUtcNow() ? "Entries are not open yet." : "Entries have closed.");
            return SubmissionCheck.Invalid(errors);
        }
        CampaignValidator.CheckText(entry.Title, "title", contest.TitleMaxLength, required: true, errors);
        if (contest.CaptionMaxLength == 0 && !string.IsNullOrWhiteSpace(entry.Caption)) errors.Add("caption", "This contest's entries have no caption.");
        else CampaignValidator.CheckText(entry.Caption, "caption", contest.CaptionMaxLength, required: false, errors);
        // The text first: a photo is only decoded for an entry that is otherwise fine.
        if (errors.Any) return SubmissionCheck.Invalid(errors);
        var photo = await EntryPhotos.CheckAsync(contest, entry, errors, cancellationToken);
        if (errors.Any) return SubmissionCheck.Invalid(errors);

        var status = contest.Moderation == ModerationMode.Post ? EntryStatus.Approved : EntryStatus.Pending;
        var caption = string.IsNullOrWhiteSpace(entry.Caption) ? null : entry.Caption.Trim();
        var data = new EntryData(entry.Title!.Trim(), caption, status, Photo: photo is not null).Write();
        return SubmissionCheck.Valid(data, photo is null ? null : [photo]);
    }

    public void Project(SubmissionAccepted submission, ProjectionRow row)
    {
        row.Set("EntryId", EntryKeys.IdOf(submission.Receipt));
        row.Count(EntriesCounter);
    }

    public async Task AfterProjectionAsync(IReadOnlyList<SubmissionAccepted> submissions, CancellationToken cancellationToken)
    {
        var photos = new List<EntryImageJob>();
        foreach (var contest in submissions.GroupBy(s => s.Slug))
        {
            await entries.AddIfAbsentAsync(contest.Key, contest.Select(s =>
            {
                var data = EntryData.Read(s.Data);
                // A suspect entry waits for a moderator whatever the contest's mode.
                var status = s.Held ? EntryStatus.Pending : data.Status;
                var id = EntryKeys.IdOf(s.Receipt);
                if (data.Photo) photos.Add(new EntryImageJob(s.Slug, id, s.Receipt));
                return new Entry(id, data.Title, data.Caption, status, false, s.AcceptedAt, null, null, s.AcceptedAt,
                    Photo: data.Photo ? EntryPhoto.Processing : null);
            }), cancellationToken);
        }
        // After the rows, which the image function updates; again on a redelivery, which the function takes as done.
        await Task.WhenAll(photos.Select(job => queues.EntryImages.SendAsync(job)));
    }
}

/// <summary>An entry as a JSON body (or the same fields as a form): a title, an optional caption, a photo, and contact details.</summary>
[Description("An entry: its title, an optional caption, a photo when the contest takes them, and the contact details the contest asks for.")]
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

    /// <summary>The photo's bytes: base64 in JSON (decoded straight into bytes), the file field <c>photo</c> of a form.</summary>
    [Description("The photo's file, base64 (JPEG, PNG or WebP; at most 10 MB and 40 megapixels): required when the contest's entryType is photo, optional with both, refused with text.")]
    public byte[]? Photo { get; init; }
}
