using CampaignEngine.Campaigns;
using CampaignEngine.Polls;
using CampaignEngine.Submissions;
using static CampaignEngine.UnitTests.Pages.PageFixtures;

namespace CampaignEngine.UnitTests.Pages;

public sealed class FormTokenFieldTests
{
    private const string Token = "1780315200.AbC-_x";

    [Fact]
    public void TheBallotCarriesThePagesFormTokenAsAHiddenField()
    {
        var document = Parse(PollViews.Campaign(Poll(contact: ContactMode.Optional), Availability.Open, Links() with { FormToken = Token }, null));

        var field = Assert.Single(document.QuerySelectorAll($"form[method=post] input[type=hidden][name={FormTokens.Field}]"));
        Assert.Equal(Token, field.GetAttribute("value"));
    }

    [Fact]
    public void ARefusedBallotShownAgainCarriesTheTokenToo()
    {
        var typed = new PollVoteRequest(null, null, "fan@example.com", null, false);
        var document = Parse(PollViews.Campaign(Poll(), Availability.Open, Links() with { FormToken = Token }, null,
            new CampaignEngine.Kinds.FormState(typed, SubmissionRefusal.InvalidInput, null)));

        Assert.Equal(Token, document.QuerySelector($"input[name={FormTokens.Field}]")?.GetAttribute("value"));
    }

    [Fact]
    public void APageWithoutATokenRendersNoEmptyField() =>
        Assert.Null(Parse(PollViews.Campaign(Poll(), Availability.Open, Links(), null)).QuerySelector($"input[name={FormTokens.Field}]"));
}
