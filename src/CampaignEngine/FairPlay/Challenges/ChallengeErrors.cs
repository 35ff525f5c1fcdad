using CampaignEngine.Campaigns;

namespace CampaignEngine.FairPlay.Challenges;

/// <summary>What a refused solution's ProblemDetails say, under the field <c>challenge</c>.</summary>
public static class ChallengeErrors
{
    public const string Field = "challenge";

    public static Dictionary<string, string[]> For(ChallengeState state, Campaign campaign)
    {
        var again = $"Fetch a new one from GET /c/{campaign.Slug}/challenge (with this device's cookies), solve it and send the submission again; nothing was counted.";
        var why = state switch
        {
            ChallengeState.Expired => "The challenge has expired.",
            ChallengeState.TooEasy => "The challenge is easier than this campaign now asks for.",
            ChallengeState.WrongSolution => $"The nonce does not solve the challenge: SHA-256(challenge + nonce) must start with {campaign.Protection.ProofOfWork?.Difficulty} zero bits.",
            ChallengeState.Reused => "This challenge was already used; each counts once.",
            _ => "The challenge was not issued by this engine to this device for this campaign, or the solution is malformed.",
        };
        return new Dictionary<string, string[]> { [Field] = [why + " " + again] };
    }
}
