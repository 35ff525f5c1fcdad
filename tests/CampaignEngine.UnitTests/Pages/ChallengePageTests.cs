using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Campaigns;
using CampaignEngine.FairPlay.Challenges;
using CampaignEngine.Pages;
using static CampaignEngine.UnitTests.Pages.PageFixtures;

namespace CampaignEngine.UnitTests.Pages;

/// <summary>The solver runs on the form pages of campaigns with proof of work on, allowed by its hash; nowhere else.</summary>
public sealed class ChallengePageTests
{
    private static Campaign WithWork() =>
        Poll() with { Protection = ProtectionSettings.Default with { ProofOfWork = new(14, ProofOfWorkSettings.DefaultUnsolvedPerNetwork) } };

    private static CampaignEngine.Pages.Views.FanLinks FormLinks() => Links() with { FormToken = "1.token" };

    [Fact]
    public void TheCampaignPageCarriesTheSolverWithItsChallengeAddressAndTheWaitingText()
    {
        var document = Parse(PollViews.Campaign(WithWork(), Availability.Open, FormLinks(), null));

        var script = Assert.Single(document.QuerySelectorAll("script"));
        Assert.Equal("/c/summer-poll/challenge", script.GetAttribute("data-challenge"));
        Assert.Equal("Checking your browser, one moment…", script.GetAttribute("data-wait"));
        Assert.Equal(ChallengeScript.Source, script.TextContent);
    }

    [Fact]
    public void ThePolicyAllowsExactlyThatScriptAndConnectionsToThisOrigin()
    {
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ChallengeScript.Source)));
        var policy = FanPolicy.For(WithWork());

        Assert.Contains($"script-src '{hash}'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain("unsafe", policy);
        Assert.DoesNotContain("script-src", FanPolicy.For(Poll()));
        // Results pages keep their own script only.
        Assert.DoesNotContain(hash, FanPolicy.For(WithWork(), live: true));
    }

    [Fact]
    public void PagesWithoutAFormOrWithoutProofOfWorkRunNoSolver()
    {
        Assert.Empty(Parse(PollViews.Campaign(Poll(), Availability.Open, FormLinks(), null)).QuerySelectorAll("script"));
        Assert.Empty(Parse(PollViews.Campaign(WithWork(), Availability.Closed, Links(), ResultsOf(WithWork(), 1, 2, 3))).QuerySelectorAll("script"));
        Assert.Empty(Parse(Views.Thanks(WithWork(), Links(), "receipt")).QuerySelectorAll("script"));
        Assert.DoesNotContain(Parse(PollViews.Results(WithWork(), Availability.Open, Links(), ResultsOf(WithWork(), 1, 2, 3))).QuerySelectorAll("script"),
            s => s.TextContent == ChallengeScript.Source);
    }
}
