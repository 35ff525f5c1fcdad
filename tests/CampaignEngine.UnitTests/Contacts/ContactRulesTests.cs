using System.Text.Json;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Messaging;
using CampaignEngine.Polls;
using CampaignEngine.Submissions;

namespace CampaignEngine.UnitTests.Contacts;

public sealed class ContactRulesTests
{
    private const string ConsentText = "Send me offers";

    private static Campaign With(ContactMode mode) => new()
    {
        Slug = "poll", Kind = "poll", Settings = new PollSettings(), Title = "Poll", Contact = new ContactSettings(mode, mode == ContactMode.Off ? null : ConsentText),
    };

    private static PollVoteRequest Input(string? email, bool consent, string? name = null) => new("a", null, email, name, consent);

    private static string? EmailOf(string kind) => kind switch { "valid" => "fan@example.com", "invalid" => "not-an-email", _ => null };

    /// <summary>
    /// Every mode × email (none, valid, malformed) × box (ticked or not). The outcome is <c>none</c> (take part, keep
    /// nothing), <c>stored:</c> and the purposes, or <c>refused:</c> the refusal and the fields it names.
    /// </summary>
    public static TheoryData<ContactMode, string, bool, string> Matrix => new()
    {
        { ContactMode.Off, "none", false, "none" },
        { ContactMode.Off, "none", true, "none" },
        { ContactMode.Off, "valid", false, "none" },
        { ContactMode.Off, "valid", true, "none" },
        { ContactMode.Off, "invalid", false, "none" },
        { ContactMode.Off, "invalid", true, "none" },
        { ContactMode.Optional, "none", false, "none" },
        { ContactMode.Optional, "none", true, "refused:ConsentRequired:email" },
        { ContactMode.Optional, "valid", false, "refused:ConsentRequired:consent" },
        { ContactMode.Optional, "valid", true, "stored:marketing" },
        { ContactMode.Optional, "invalid", false, "refused:ConsentRequired:consent,email" },
        { ContactMode.Optional, "invalid", true, "refused:InvalidContact:email" },
        { ContactMode.Required, "none", false, "refused:InvalidContact:email" },
        { ContactMode.Required, "none", true, "refused:InvalidContact:email" },
        { ContactMode.Required, "valid", false, "stored:campaign" },
        { ContactMode.Required, "valid", true, "stored:campaign,marketing" },
        { ContactMode.Required, "invalid", false, "refused:InvalidContact:email" },
        { ContactMode.Required, "invalid", true, "refused:InvalidContact:email" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void EachModeEmailAndConsentCombinationHasOneOutcome(ContactMode mode, string email, bool consent, string expected)
    {
        var result = ContactRules.Check(With(mode), Input(EmailOf(email), consent), "form");

        var outcome = (result.Submission, result.Refusal) switch
        {
            (null, null) => "none",
            ({ } stored, null) => "stored:" + string.Join(",", stored.Purposes),
            (null, { } refusal) => $"refused:{refusal}:" + string.Join(",", result.Errors!.Keys.Order(StringComparer.Ordinal)),
            _ => "both a contact and a refusal",
        };
        Assert.Equal(expected, outcome);
        if (result.Submission is { } contact)
        {
            Assert.Equal(consent, contact.Marketing);
            Assert.Equal(mode == ContactMode.Required, contact.ForCampaign);
            // The consent record holds the text the fan agreed to, and only when they agreed to something.
            Assert.Equal(consent ? ConsentText : null, contact.ConsentText);
        }
    }

    [Fact]
    public void BlankFieldsCountAsNotGiven()
    {
        Assert.Null(ContactRules.Check(With(ContactMode.Optional), Input("   ", false, " "), "form").Refusal);
        Assert.Contains("email", ContactRules.Check(With(ContactMode.Optional), Input("  ", true), "form").Errors!.Keys);
    }

    [Fact]
    public void AnEmailWithoutConsentIsRefusedWithAMessageThatSaysItWillNotBeKept()
    {
        var result = ContactRules.Check(With(ContactMode.Optional), Input("fan@example.com", false), "api");

        Assert.Contains("not kept", result.Errors!["consent"].Single());
    }

    [Fact]
    public void ConsentWithoutAnEmailIsRefusedWithAMessageAboutOffers()
    {
        var result = ContactRules.Check(With(ContactMode.Optional), Input(null, true), "api");

        Assert.Contains("offers", result.Errors!["email"].Single());
    }

    [Fact]
    public void ANameWithoutAnEmailIsNotDroppedSilently()
    {
        var result = ContactRules.Check(With(ContactMode.Optional), Input(null, false, "Dana"), "form");

        Assert.Equal(SubmissionRefusal.InvalidContact, result.Refusal);
        Assert.Contains("email", result.Errors!.Keys);
    }

    [Fact]
    public void ConsentedContactIsNormalisedAndCarriesTheConsentText()
    {
        var result = ContactRules.Check(With(ContactMode.Optional), Input("  Fan@Example.COM ", true, " Dana "), "form");
        Assert.Equal("fan@example.com", result.Submission!.Email);
        Assert.Equal("Dana", result.Submission.Name);
        Assert.Equal(ConsentText, result.Submission.ConsentText);
    }

    [Fact]
    public void ATooLongNameIsRefusedInEveryModeThatKeepsNames()
    {
        var name = new string('n', ContactRules.MaxName + 1);
        Assert.Contains("name", ContactRules.Check(With(ContactMode.Required), Input("fan@example.com", false, name), "form").Errors!.Keys);
        Assert.Contains("name", ContactRules.Check(With(ContactMode.Optional), Input("fan@example.com", true, name), "form").Errors!.Keys);
    }

    [Fact]
    public void AContactMessageQueuedBeforePurposesExistedReadsAsMarketingConsent()
    {
        var old = """{"items":[{"receipt":"r","slug":"poll","email":"fan@example.com","name":null,"consentText":"Offers","source":"form","at":"2026-01-01T00:00:00+00:00"}]}""";

        var contact = Batch<ContactSubmitted>.Parse(old).Items.Single();

        Assert.True(contact.Marketing);
        Assert.False(contact.ForCampaign);
    }

    [Fact]
    public void TheQueueMessageCarriesThePurposeFlagsButNotTheDerivedList()
    {
        var contact = new ContactSubmitted("r", "poll", "fan@example.com", null, null, "form", DateTimeOffset.UnixEpoch, Marketing: false, ForCampaign: true);

        var json = JsonSerializer.Serialize(contact, MessageJson.Options);

        Assert.Contains("\"forCampaign\":true", json);
        Assert.Contains("\"marketing\":false", json);
        Assert.DoesNotContain("purposes", json, StringComparison.OrdinalIgnoreCase);
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
}
