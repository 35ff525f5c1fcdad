using System.ComponentModel;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Contests;

/// <summary>
/// A fan's flag on an entry ("this should not be here"), on the shared submission path: one per device per entry,
/// counted exactly once on the shard's flag rows of the entry's bucket. Past the contest's threshold (flags since a
/// moderator last approved the entry) the board hides the entry until a moderator looks again.
/// </summary>
public sealed class ContestFlag(ContestBoards boards) : ISubmissionAction
{
    public const string FlagsCounter = "flags";

    public static IReadOnlyList<string> Reasons { get; } = ["inappropriate", "spam", "copyright", "other"];

    public string Code => "ef";
    public string Route => "entry-flags";
    public Type InputType => typeof(EntryFlagRequest);
    public string LimitReachedDetail => "You have already flagged this entry; a moderator will look at it.";

    public AllowanceRule AllowanceOf(Campaign campaign) => new(1, VotingPeriod.Campaign, PerItem: true);

    public IFanInput ReadForm(IFormCollection form) => new EntryFlagRequest(form["entryId"].FirstOrDefault(), form["reason"].FirstOrDefault());

    public async ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken)
    {
        var flag = (EntryFlagRequest)input;
        var errors = new FieldErrors();
        var reason = flag.Reason ?? "other";
        if (!Reasons.Contains(reason)) errors.Add("reason", $"Use one of: {string.Join(", ", Reasons)}.");
        if (!EntryKeys.IsId(flag.EntryId)) errors.Add("entryId", "Give the id of an entry in this contest.");
        else if (await boards.FindAsync(campaign, flag.EntryId!, cancellationToken) is not { Visible: true })
            errors.Add("entryId", "This entry is not in the contest's gallery.");
        return errors.Any ? SubmissionCheck.Invalid(errors) : SubmissionCheck.Valid(flag.EntryId + "|" + reason);
    }

    public void Project(SubmissionAccepted submission, ProjectionRow row)
    {
        var bar = submission.Data.IndexOf('|');
        var entryId = submission.Data[..bar];
        row.Set("EntryId", entryId);
        row.Set("Reason", submission.Data[(bar + 1)..]);
        row.Count(FlagsCounter);
        row.Count(EntryKeys.FlagRow(entryId), EntryKeys.FlagCounter(entryId));
    }
}

/// <summary>A flag on an entry: its id and why (inappropriate, spam, copyright or other).</summary>
[Description("A fan's flag on an entry of a contest: one per device per entry.")]
[OpenApiExample("""{ "entryId": "3f9a0c12d4e5b678", "reason": "spam" }""")]
public sealed record EntryFlagRequest(
    [property: Description("The id of an entry in the gallery.")] string? EntryId,
    [property: Description("inappropriate, spam, copyright or other (the default).")] string? Reason) : IFanInput
{
    public EntryFlagRequest() : this(null, null) { }

    // Flags carry no contact details.
    [System.Text.Json.Serialization.JsonIgnore] public string? Email => null;
    [System.Text.Json.Serialization.JsonIgnore] public string? Name => null;
    [System.Text.Json.Serialization.JsonIgnore] public bool? Consent => null;
}
