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

    /// <summary>The type of the JSON body, for strict reading and the OpenAPI document.</summary>
    Type InputType { get; }

    /// <summary>How many times one participant may do this, and over which period.</summary>
    AllowanceRule AllowanceOf(Campaign campaign);

    IFanInput ReadForm(IFormCollection form);

    /// <summary>Checks the kind's part of the input; the data returned travels on the queue to <see cref="Project"/>.</summary>
    SubmissionCheck Check(Campaign campaign, IFanInput input);

    /// <summary>What the submission's row holds beyond the core's fields, and which counters it adds one to.</summary>
    void Project(SubmissionAccepted submission, ProjectionRow row);

    /// <summary>The API's words when the allowance is used up ("You have already voted.").</summary>
    string LimitReachedDetail { get; }
}

/// <summary>What every fan input carries besides the kind's own fields: the optional contact details.</summary>
public interface IFanInput
{
    string? Email { get; }
    string? Name { get; }
    bool? Consent { get; }
}

/// <summary>N submissions per participant per period.</summary>
public sealed record AllowanceRule(int PerParticipant, VotingPeriod Period);

/// <summary>Either the data to queue, or the field errors that refuse the input.</summary>
public sealed record SubmissionCheck(string? Data, FieldErrors? Errors)
{
    public static SubmissionCheck Valid(string data) => new(data, null);
    public static SubmissionCheck Invalid(FieldErrors errors) => new(null, errors);
}
