using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Submissions;

namespace CampaignEngine.Surveys;

/// <summary>
/// That a fan started a survey: recorded by the first page's Next (<see cref="SubmissionCheck.StepThatStarts"/>), once per
/// device and response, counted beside the completed responses so the results can say how many started and did not
/// finish. Fans never post it; it has no route.
/// </summary>
public sealed class SurveyStart : ISubmissionAction
{
    public const string StartedCounter = "started";

    public string Code => "rs";
    public string Route => "responses";
    public bool HasFanRoute => false;
    public Type InputType => typeof(SurveyResponseRequest);
    public string LimitReachedDetail => "This survey was started already.";

    public AllowanceRule AllowanceOf(Campaign campaign) => new(campaign.SettingsAs<SurveySettings>().ResponsesPerDevice, VotingPeriod.Campaign);

    public IFanInput ReadForm(IFormCollection form) => new SurveyResponseRequest();

    public ValueTask<SubmissionCheck> CheckAsync(Campaign campaign, IFanInput input, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SubmissionCheck.Valid(""));

    public void Project(SubmissionAccepted submission, ProjectionRow row) => row.Count(StartedCounter);
}
