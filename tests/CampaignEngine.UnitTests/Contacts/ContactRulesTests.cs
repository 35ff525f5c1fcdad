using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Submissions;
using CampaignEngine.Polls;

namespace CampaignEngine.UnitTests.Contacts;

public sealed class ContactRulesTests
{
    private static Campaign With(ContactMode mode) => new()
    {
        Slug = "poll", Kind = "poll", Settings = new PollSettings(), Title = "Poll", Contact = new ContactSettings(mode, mode == ContactMode.Off ? null : "Send me offers"),
    };

    private static PollVoteRequest Input(string? email, bool consent, string? name = null) => new("a", null, email, name, consent);

    [Fact]
    public void WithContactOffNothingIsKeptEvenIfSent()
    {
        var result = ContactRules.Check(With(ContactMode.Off), Input("fan@example.com", true), "form");
        Assert.Null(result.Submission);
        Assert.Null(result.Refusal);
    }

    [Fact]
    public void OptionalContactWithoutConsentIsDiscardedButTheVoteStands()
    {
        var result = ContactRules.Check(With(ContactMode.Optional), Input("fan@example.com", false), "form");
        Assert.Null(result.Submission);
        Assert.Null(result.Refusal);
    }

    [Fact]
    public void ConsentedContactIsNormalisedAndCarriesTheConsentText()
    {
        var result = ContactRules.Check(With(ContactMode.Optional), Input("  Fan@Example.COM ", true, " Dana "), "form");
        Assert.Equal("fan@example.com", result.Submission!.Email);
        Assert.Equal("Dana", result.Submission.Name);
        Assert.Equal("Send me offers", result.Submission.ConsentText);
    }

    [Fact]
    public void RequiredContactNeedsAnEmailAndConsent()
    {
        Assert.Equal(SubmissionRefusal.InvalidContact, ContactRules.Check(With(ContactMode.Required), Input(null, true), "form").Refusal);
        Assert.Equal(SubmissionRefusal.ConsentRequired, ContactRules.Check(With(ContactMode.Required), Input("fan@example.com", false), "form").Refusal);
        Assert.NotNull(ContactRules.Check(With(ContactMode.Required), Input("fan@example.com", true), "form").Submission);
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
