using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;

namespace CampaignEngine.Submissions;

/// <summary>Where a returning fan stands in one action: how many of the allowance are used, and what they sent last.</summary>
public sealed record Participation(int Used, int Allowance, string? LastData)
{
    public bool AllowanceLeft => Used < Allowance;
}

/// <summary>
/// Reads a fan's standing in a campaign from their own signed cookies, without storage: what a
/// returning fan's page shows ("you voted for …"). The projection stays the authority on counting.
/// </summary>
public sealed class ParticipationReader(VoterCookies cookies, TimeProvider time)
{
    /// <summary>The fan's standing per action code; empty for a fan who has not taken part here.</summary>
    public IReadOnlyDictionary<string, Participation> Read(HttpRequest request, Campaign campaign, ICampaignKind kind)
    {
        // Most views come from fans who never took part here: no ledger cookie, so no signature to check.
        if (!kind.Actions.Any(a => request.Cookies.ContainsKey(VoterCookies.LedgerCookie(campaign.Slug, a.Code)))) return Empty;
        if (cookies.ReadDevice(request) is not { } device) return Empty;
        var now = time.GetUtcNow();
        var zone = CampaignTime.Zone(campaign.TimeZone);
        Dictionary<string, Participation>? found = null;
        foreach (var action in kind.Actions)
        {
            var rule = action.AllowanceOf(campaign);
            var period = SubmissionKeys.PeriodKey(rule.Period, now, zone);
            if (cookies.ReadLedger(request, campaign.Slug, action.Code, device, period) is { Used: > 0 } entry)
            {
                (found ??= [])[action.Code] = new Participation(entry.Used, rule.PerParticipant, entry.Data);
            }
        }
        return found ?? Empty;
    }

    private static readonly IReadOnlyDictionary<string, Participation> Empty = new Dictionary<string, Participation>();
}
