using CampaignEngine.Campaigns;
using CampaignEngine.Submissions;

namespace CampaignEngine.Kinds;

/// <summary>
/// One thing a fan does in a campaign (vote, enter, answer), on the shared submission path: the
/// core reads the request, identifies the participant, applies the allowance, queues the
/// submission and projects it exactly once; the action says what is valid and what is written.
/// </summary>
public interface ISubmissionAction
{
    /// <summary>
    /// Short and unique across the engine: it prefixes the submission's row key (so a repeat is a
    /// conflict) and tells the projection whose submission a queued item is.
    /// </summary>
    string Code { get; }

    /// <summary>The fan route under <c>/c/{slug}/</c> that takes this action, e.g. <c>votes</c>.</summary>
    string Route { get; }

    /// <summary>
    /// False for an action fans never post themselves, which a step of another records (a survey's start, on its first
    /// page's Next): it has no route of its own, only rows and counters.
    /// </summary>
    bool HasFanRoute => true;

    /// <summary>
    /// Whether its steps leave drafts (<see cref="SubmissionCheck.Draft"/>) a returning fan goes on from, deleted once the
    /// submission is accepted.
    /// </summary>
    bool KeepsDrafts => false;

    /// <summary>The input a kept draft stands for, shown to the fan who left it as the step they were on; null: none.</summary>
    IFanInput? ReadDraft(string draft) => null;

    /// <summary>The type of the JSON body, for strict reading and the OpenAPI document.</summary>
    Type InputType { get; }

    /// <summary>How many times one participant may do this, and over which period.</summary>
    AllowanceRule AllowanceOf(Campaign campaign);

    IFanInput ReadForm(IFormCollection form);

    /// <summary>
    /// Checks the kind's part of the input; the data returned travels on the queue to <see cref="Project"/>. Asynchronous
    /// for a check that may need a read (a contest vote's entry); most complete synchronously.
    /// </summary>
    ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves what the submission takes from limits all fans share (a survey's quotas), once every other check has
    /// passed and just before it is queued; the core releases the reservation if it cannot be queued. A retry of a
    /// submission already reserved is not asked again. None (the default): nothing to reserve.
    /// </summary>
    ValueTask<Reservation?> ReserveAsync(Campaign campaign, string data, CancellationToken cancellationToken) => ValueTask.FromResult<Reservation?>(null);

    /// <summary>What the submission's row holds beyond the core's fields, and which counters it adds one to.</summary>
    void Project(SubmissionAccepted submission, ProjectionRow row);

    /// <summary>The API's words when the allowance is used up ("You have already voted.").</summary>
    string LimitReachedDetail { get; }

    /// <summary>
    /// Runs once the submissions' rows and counts are written, for every submission of a delivery, those counted by an
    /// earlier delivery included (a crash may have come between the two), so it must be idempotent. For a write
    /// beyond the shard partition that must follow the count: a contest's entry row. Most actions need none.
    /// </summary>
    Task AfterProjectionAsync(IReadOnlyList<SubmissionAccepted> submissions, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What every fan input carries besides the kind's own fields: the optional contact details, and maybe its own idempotency key.</summary>
public interface IFanInput
{
    string? Email { get; }
    string? Name { get; }
    bool? Consent { get; }

    /// <summary>
    /// A key the input itself carries that makes it safe to repeat, as the Idempotency-Key header does (a survey response's
    /// id, in the form every page of it posts); the header wins when both are sent.
    /// </summary>
    string? IdempotencyKey => null;
}

/// <summary>
/// N submissions per participant per period; <paramref name="PerItem"/>: per period and per item the submission names
/// (its checked data up to the first '|', as a contest vote names its entry), so each item has an allowance of its own.
/// <paramref name="Caps"/>: further limits across all items (a contest's votes per day over every entry), each held
/// exactly like the allowance, by a slot row of its own that the projection writes beside the submission's.
/// </summary>
public sealed record AllowanceRule(int PerParticipant, VotingPeriod Period, bool PerItem = false, IReadOnlyList<AllowanceCap>? Caps = null)
{
    /// <summary>The period's key, scoped to the item when the rule is per item.</summary>
    public string PeriodKey(DateTimeOffset at, TimeZoneInfo zone, string data) =>
        PerItem ? SubmissionKeys.PeriodKey(Period, at, zone) + "-" + ItemOf(data) : SubmissionKeys.PeriodKey(Period, at, zone);

    /// <summary>What every item's period key of a per-item rule starts with in the period holding <paramref name="at"/>.</summary>
    public string ItemPeriodPrefix(DateTimeOffset at, TimeZoneInfo zone) => SubmissionKeys.PeriodKey(Period, at, zone) + "-";

    private static string ItemOf(string data) => data.IndexOf('|') is var bar and >= 0 ? data[..bar] : data;
}

/// <summary>At most <paramref name="PerParticipant"/> submissions per participant per period, whatever item they name.</summary>
public sealed record AllowanceCap(int PerParticipant, VotingPeriod Period)
{
    /// <summary>Its period's key; "all-" keeps it apart from any item's period of the same action.</summary>
    public string PeriodKey(DateTimeOffset at, TimeZoneInfo zone) => "all-" + SubmissionKeys.PeriodKey(Period, at, zone);
}

/// <summary>
/// Either the data to queue (with any files the submission carries, such as an entry's photo), or the field errors
/// that refuse the input.
/// </summary>
/// <see cref="IsStep"/>: neither; the input is one step of a form of several pages (a survey's Next or Back), so nothing
/// is submitted and the kind's page shows the step the input leads to.
/// <see cref="Starts"/>: a step that begins something worth counting (a survey's first Next), submitted as that action.
/// <see cref="Draft"/>: what to keep of a step for this device, so the fan can come back to it (<see cref="Submissions.Drafts"/>).
/// <see cref="Refusal"/>: refused outright, for a reason no field names (a survey's quota that the answers so far put the fan in is full).
public sealed record SubmissionCheck(string? Data, FieldErrors? Errors, IReadOnlyList<Attachment>? Attachments = null, bool IsStep = false,
    StepStart? Starts = null, string? Draft = null, SubmissionRefusal? Refusal = null)
{
    public static SubmissionCheck Refuse(SubmissionRefusal refusal) => new(null, null, Refusal: refusal);
    public static SubmissionCheck Valid(string data, IReadOnlyList<Attachment>? attachments = null) => new(data, null, attachments);
    public static SubmissionCheck Invalid(FieldErrors errors) => new(null, errors);
    public static SubmissionCheck Step(string? draft = null, StepStart? starts = null) => new(null, null, IsStep: true, Starts: starts, Draft: draft);
}

/// <summary>
/// A shared limit's answer to a submission: <see cref="Refused"/> when it is full (the fan is told, nothing is queued),
/// else the data to queue instead of the checked data (null: unchanged; a survey marks a response over a quota that lets
/// it through uncounted) and how to give back what was taken should the submission not be queued.
/// </summary>
public sealed record Reservation(bool Refused, string? Data = null, Func<Task>? Release = null)
{
    public static Reservation Full { get; } = new(true);
}

/// <summary>What a step records: a submission of <paramref name="Action"/> (one without a fan route) with <paramref name="Data"/>.</summary>
public sealed record StepStart(ISubmissionAction Action, string Data);

/// <summary>
/// A file a submission carries, too big for a queue message: stored in the uploads container before the submission
/// is queued (<see cref="SubmissionUploads"/>), under its receipt and <see cref="Name"/>, for a queue function to take.
/// </summary>
public sealed record Attachment(string Name, ReadOnlyMemory<byte> Bytes, string ContentType);

/// <summary>What every form carries besides the kind's fields: the contact fields, read the same way for every action.</summary>
public static class FanFormFields
{
    public static string? Email(IFormCollection form) => form["email"].FirstOrDefault();

    public static string? Name(IFormCollection form) => form["name"].FirstOrDefault();

    /// <summary>A ticked checkbox: its value, or "on" from a browser when the form gives none.</summary>
    public static bool Consent(IFormCollection form) => form["consent"].FirstOrDefault() is "yes" or "on" or "true";
}
