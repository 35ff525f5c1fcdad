using System.ComponentModel;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Submissions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignEngine.FairPlay.Challenges;

/// <summary>GET /c/{slug}/challenge: a fresh challenge for this device, on campaigns with proof of work on.</summary>
public static class ChallengeEndpoints
{
    public static IEndpointRouteBuilder MapChallenges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/{slug}/challenge", IssueAsync)
            .WithTags("Fans")
            .WithSummary("A proof-of-work challenge for this device (campaigns with protection.proofOfWork)")
            .WithDescription("Find a nonce (1 to 32 characters of A-Z, a-z, 0-9, '-' and '_'; a decimal counter will do) such that " +
                             "SHA-256 of the ASCII text challenge + nonce starts with `difficulty` zero bits, and send both with the submission: " +
                             "a form as the fields ce_challenge and ce_nonce, JSON as the header `Challenge-Solution: {challenge}:{nonce}`. " +
                             "The challenge is bound to the campaign and to the device cookie (ce_device) this answer sets when there was none, " +
                             "so send that cookie with the submission. Each challenge counts once and expires at expiresAt. " +
                             "A submission without a solution is taken under the campaign's stricter unsolvedPerNetwork limit.")
            .Produces<ChallengeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(RateLimits.FanReads);
        return app;
    }

    private static async Task<Results<Ok<ChallengeResponse>, ProblemHttpResult>> IssueAsync(
        string slug, HttpContext http, CampaignCache campaigns, VoterCookies cookies, ChallengeTokens tokens, TimeProvider time, CancellationToken ct)
    {
        // Never cached: each answer is one device's, used once.
        http.Response.Headers.CacheControl = "no-store";
        if (!Slug.IsValid(slug)) return Problems.BadSlug(slug);
        var campaign = await campaigns.FindAsync(slug, ct);
        if (campaign is null || campaign.AvailabilityAt(time.GetUtcNow()) is Availability.Hidden or Availability.Archived)
        {
            return Problems.NotFound($"No campaign '{slug}'.");
        }
        if (campaign.Protection.ProofOfWork is not { } work) return Problems.NotFound("This campaign asks for no challenge.");

        var device = cookies.ReadDevice(http.Request);
        var newDevice = device is null;
        if (device is null)
        {
            device = VoterCookies.NewDeviceId();
            cookies.WriteDevice(http.Response, device);
        }
        var issued = tokens.Issue(slug, device, work.Difficulty, newDevice);
        return TypedResults.Ok(new ChallengeResponse(issued.Token, issued.Difficulty, issued.ExpiresAt, (int)tokens.Lifetime.TotalSeconds));
    }
}

public sealed record ChallengeResponse(
    [property: Description("The text to hash, nonce appended; send it back unchanged.")] string Challenge,
    [property: Description("Leading zero bits SHA-256(challenge + nonce) must have.")] int Difficulty,
    [property: Description("After this the challenge is refused; fetch a new one.")] DateTimeOffset ExpiresAt,
    [property: Description("Seconds from now until expiresAt, for clients whose clock is off.")] int ExpiresIn);
