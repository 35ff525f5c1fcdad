using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>
/// A vote for one entry. The allowance is per entry (each entry has its own slots per period), within the contest's caps
/// across entries (per day, in all) when it has them, and each vote adds one
/// to the entry's counter on the shard's counter row of the entry's bucket, so 130,000 entries never crowd one row.
/// </summary>
public sealed class ContestVote(ContestBoards boards, TimeProvider time) : ISubmissionAction
{
    public const string VotesCounter = "votes";

    public string Code => "ev";
    /// <summary>Not "votes": that is a poll's route, and the routes of all kinds share one table.</summary>
    public string Route => "entry-votes";
    public Type InputType => typeof(EntryVoteRequest);
    public string LimitReachedDetail => "You have already used all your votes for this entry.";

    public AllowanceRule AllowanceOf(Campaign campaign)
    {
        var voting = campaign.SettingsAs<ContestSettings>().Voting;
        if (voting is { PerDay: null, PerCampaign: null }) return new AllowanceRule(voting.VotesPerEntry, voting.Period, PerItem: true);
        List<AllowanceCap> caps = [];
        if (voting.PerDay is { } perDay) caps.Add(new AllowanceCap(perDay, VotingPeriod.Day));
        if (voting.PerCampaign is { } perCampaign) caps.Add(new AllowanceCap(perCampaign, VotingPeriod.Campaign));
        return new AllowanceRule(voting.VotesPerEntry, voting.Period, PerItem: true, caps);
    }

    public IFanInput ReadForm(IFormCollection form) => new EntryVoteRequest(
        form["entryId"].FirstOrDefault(), FanFormFields.Email(form), FanFormFields.Name(form), FanFormFields.Consent(form));

    public async ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken)
    {
        var contest = campaign.SettingsAs<ContestSettings>();
        var vote = (EntryVoteRequest)input;
        var errors = new FieldErrors();
        var now = time.GetUtcNow();
        if (!contest.VotingWindow.Contains(now))
        {
            errors.Add(ContestEnter.WindowField, contest.VotingWindow.OpensAt > now ? "Voting has not started yet." : "Voting has closed.");
            return SubmissionCheck.Invalid(errors);
        }
        if (!EntryKeys.IsId(vote.EntryId))
        {
            errors.Add("entryId", "Give the id of an entry in this contest.");
            return SubmissionCheck.Invalid(errors);
        }
        if (await boards.FindAsync(campaign, vote.EntryId!, cancellationToken) is not { Visible: true })
        {
            errors.Add("entryId", "This entry is not in the contest's gallery (it may be waiting for approval).");
            return SubmissionCheck.Invalid(errors);
        }
        return SubmissionCheck.Valid(vote.EntryId!);
    }

    public void Project(SubmissionAccepted submission, ProjectionRow row)
    {
        row.Set("EntryId", submission.Data);
        row.Count(VotesCounter);
        row.Count(EntryKeys.CounterRow(submission.Data), EntryKeys.Counter(submission.Data));
    }
}

/// <summary>A vote as a JSON body (or the same fields as a form): the entry's id and optional contact details.</summary>
[Description("A vote for one entry of a contest, and the contact details the contest asks for.")]
[OpenApiExample("""{ "entryId": "3f9a0c12d4e5b678" }""")]
public sealed record EntryVoteRequest(
    [property: Description("The id of an approved entry, as the gallery and GET /api/campaigns/{slug}/entries show it.")] string? EntryId,
    [property: EmailAddress, MaxLength(ContactRules.MaxEmail)]
    [property: Description("The fan's email address, when the contest's contact mode is optional or required; dropped when it is off.")]
    string? Email,
    [property: MaxLength(ContactRules.MaxName)]
    [property: Description("The fan's name, optional; kept only with consent.")]
    string? Name,
    [property: Description("true when the fan ticked the consent box (the contest's consentText).")]
    bool? Consent) : IFanInput
{
    public EntryVoteRequest() : this(null, null, null, null) { }
}
