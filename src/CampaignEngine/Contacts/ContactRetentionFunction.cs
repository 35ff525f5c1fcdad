using CampaignEngine.Hosting;

namespace CampaignEngine.Contacts;

/// <summary>
/// The <c>ContactRetention</c> timer function: every hour (at minute 17, off the busy top of the hour),
/// deletes the contacts whose campaign's retention period is over (<see cref="ContactRetentionJob"/>).
/// Hourly keeps a deletion within an hour of its due time; a run costs about one table read per
/// 1,000 contacts of campaigns past retention.
/// </summary>
public sealed class ContactRetentionFunction(ContactRetentionJob job, ILogger<ContactRetentionFunction> logger) : ITimerFunction
{
    public string Name => "ContactRetention";
    public string Schedule => "0 17 * * * *";
    public TimeSpan Period => TimeSpan.FromHours(1);

    public async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var report = await job.RunAsync(cancellationToken);
        logger.LogInformation("Retention run{PastDue}: {Campaigns} campaigns past retention, {Deleted} contacts deleted, {Ended} campaign purposes ended",
            invocation.IsPastDue ? " (past due)" : "", report.CampaignsDue, report.Deleted, report.CampaignPurposesEnded);
    }
}
