using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Voting;

namespace CampaignEngine.UnitTests.Contacts;

public sealed class ContactRulesTests
{
    private static Campaign With(ContactMode mode) => new()
    {
        Slug = "poll", Title = "Poll", Contact = new ContactSettings(mode, mode == ContactMode.Off ? null : "Send me offers"),
    };

    private static VoteInput Input(string? email, bool consent, string? name = null) => new("a", email, name, consent, "form");

    [Fact]
    public void WithContactOffNothingIsKeptEvenIfSent()
    {
        var result = ContactRules.Check(With(ContactMode.Off), Input("fan@example.com", true));
        Assert.Null(result.Submission);
        Assert.Null(result.Refusal);
    }

    [Fact]
    public void OptionalContactWithoutConsentIsDiscardedButTheVoteStands()
    {
        var result = ContactRules.Check(With(ContactMode.Optional), Input("fan@example.com", false));
        Assert.Null(result.Submission);
        Assert.Null(result.Refusal);
    }

    [Fact]
    public void ConsentedContactIsNormalisedAndCarriesTheConsentText()
    {
        var result = ContactRules.Check(With(ContactMode.Optional), Input("  Fan@Example.COM ", true, " Dana "));
        Assert.Equal("fan@example.com", result.Submission!.Email);
        Assert.Equal("Dana", result.Submission.Name);
        Assert.Equal("Send me offers", result.Submission.ConsentText);
    }

    [Fact]
    public void RequiredContactNeedsAnEmailAndConsent()
    {
        Assert.Equal(VoteRefusal.InvalidContact, ContactRules.Check(With(ContactMode.Required), Input(null, true)).Refusal);
        Assert.Equal(VoteRefusal.ConsentRequired, ContactRules.Check(With(ContactMode.Required), Input("fan@example.com", false)).Refusal);
        Assert.NotNull(ContactRules.Check(With(ContactMode.Required), Input("fan@example.com", true)).Submission);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a@b")]
    [InlineData("a b@example.com")]
    [InlineData("a@@example.com")]
    [InlineData("@example.com")]
    [InlineData("a@example.com.")]
    [InlineData("\"x\"<a@example.com>")]
    public void MalformedEmailsAreRefused(string email) => Assert.False(ContactRules.IsEmail(email));

    [Theory]
    [InlineData("fan@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    public void OrdinaryEmailsAreAccepted(string email) => Assert.True(ContactRules.IsEmail(email));

    [Fact]
    public void TheContactKeyIsTheSameForTheSameNormalisedEmail() =>
        Assert.Equal(ContactStore.ContactKey(ContactRules.Normalize(" A@B.com ")!), ContactStore.ContactKey(ContactRules.Normalize("a@b.COM")!));
}
