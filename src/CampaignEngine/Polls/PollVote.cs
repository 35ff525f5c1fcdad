using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Polls;

/// <summary>A vote in a poll: one option (or, in a multiple-choice poll, several) per ballot.</summary>
public sealed class PollVote : ISubmissionAction
{
    /// <summary>"v": the prefix poll vote rows have always had.</summary>
    public string Code => "v";
    public string Route => "votes";
    public Type InputType => typeof(PollVoteRequest);
    public string LimitReachedDetail => "You have already used all your votes in this poll.";

    public AllowanceRule AllowanceOf(Campaign campaign)
    {
        var rules = campaign.SettingsAs<PollSettings>().Rules;
        return new AllowanceRule(rules.VotesPerVoter, rules.Period);
    }

    public IFanInput ReadForm(IFormCollection form)
    {
        var chosen = form["optionId"].OfType<string>().ToList();
        return new PollVoteRequest(chosen.Count == 1 ? chosen[0] : null, chosen.Count > 1 ? chosen : null,
            FanFormFields.Email(form), FanFormFields.Name(form), FanFormFields.Consent(form));
    }

    public ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Check(campaign, input));

    private static SubmissionCheck Check(Campaign campaign, IFanInput input)
    {
        var poll = campaign.SettingsAs<PollSettings>();
        var vote = (PollVoteRequest)input;
        // The common ballot, one option in a single-choice poll, allocates nothing to be checked.
        if (!poll.IsMultipleChoice && vote.OptionIds is null && poll.FindOption(vote.OptionId) is { } single) return SubmissionCheck.Valid(single.Id);
        var errors = new FieldErrors();
        var field = poll.IsMultipleChoice ? "optionIds" : "optionId";
        var chosen = (vote.OptionIds ?? (vote.OptionId is null ? [] : [vote.OptionId])).Distinct(StringComparer.Ordinal).ToList();

        if (chosen.Count == 0)
            errors.Add(field, poll.IsMultipleChoice ? $"Choose at least {poll.MinChoices} option(s)." : "Choose an option.");
        else if (chosen.Any(id => poll.FindOption(id) is null))
            errors.Add(field, "This option is not part of the poll.");
        else if (chosen.Count < poll.MinChoices)
            errors.Add(field, $"Choose at least {poll.MinChoices} options.");
        else if (chosen.Count > poll.MaxChoices)
            errors.Add(field, poll.MaxChoices == 1 ? "Choose one option." : $"Choose at most {poll.MaxChoices} options.");
        if (errors.Any) return SubmissionCheck.Invalid(errors);

        // The poll's order, so the same ballot is always the same data.
        return SubmissionCheck.Valid(chosen.Count == 1
            ? chosen[0]
            : string.Join(',', poll.Options.Where(o => chosen.Contains(o.Id)).Select(o => o.Id)));
    }

    public void Project(SubmissionAccepted submission, ProjectionRow row)
    {
        row.Set("OptionId", submission.Data);
        if (!submission.Data.Contains(','))
        {
            row.Count(PollTally.OptionCounter(submission.Data));
            return;
        }
        foreach (var id in submission.Data.Split(',')) row.Count(PollTally.OptionCounter(id));
    }
}

/// <summary>A vote as a JSON body: <c>optionId</c>, or <c>optionIds</c> in a multiple-choice poll, and optional contact details.</summary>
[Description("A vote: optionId, or optionIds in a multiple-choice poll, and the contact details the poll asks for.")]
[OpenApiExample("""{ "optionId": "choc", "email": "ana@example.com", "name": "Ana", "consent": true }""")]
public sealed record PollVoteRequest(
    [property: RegularExpression(PollSettingsValidator.OptionIdPatternText)]
    [property: Description("The id of the chosen option, in a single-choice poll.")]
    string? OptionId,
    [property: Length(1, PollSettingsValidator.MaxOptions)]
    [property: Description("The ids of the chosen options, in a multiple-choice poll: between the poll's minChoices and maxChoices.")]
    IReadOnlyList<string>? OptionIds,
    [property: EmailAddress, MaxLength(ContactRules.MaxEmail)]
    [property: Description("The fan's email address, when the poll's contact mode is optional or required; dropped when it is off.")]
    string? Email,
    [property: MaxLength(ContactRules.MaxName)]
    [property: Description("The fan's name, optional; kept only with consent.")]
    string? Name,
    [property: Description("true when the fan ticked the consent box (the poll's consentText). Without it nothing personal is kept, and a poll whose contact is required refuses the vote.")]
    bool? Consent) : IFanInput
{
    public PollVoteRequest() : this(null, null, null, null, null) { }
}
