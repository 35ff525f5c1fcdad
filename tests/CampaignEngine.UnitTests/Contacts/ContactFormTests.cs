using AngleSharp.Dom;
using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Kinds;
using CampaignEngine.Polls;
using CampaignEngine.UnitTests.Pages;
using static CampaignEngine.UnitTests.Pages.PageFixtures;

namespace CampaignEngine.UnitTests.Contacts;

/// <summary>The contact fieldset as fans see it: what the details are for, and inline answers to a consent mismatch.</summary>
public sealed class ContactFormTests
{
    private static Campaign Poll(ContactMode mode, string locale = "en", int retentionDays = 90) =>
        PageFixtures.Poll(contact: mode, locale: locale) with { Contact = new ContactSettings(mode, "Send me offers from Test Brand.", retentionDays) };

    private static IDocument Open(Campaign campaign) => Parse(PollViews.Campaign(campaign, Availability.Open, Links(), null));

    /// <summary>The page after a refused post, with the errors the rules gave.</summary>
    private static IDocument Refused(Campaign campaign, string? email, bool consent, string? name = null)
    {
        var input = new PollVoteRequest("o1", null, email, name, consent);
        var check = ContactRules.Check(campaign, input, "form");
        Assert.NotNull(check.Refusal);
        return Parse(PollViews.Campaign(campaign, Availability.Open, Links(), null, new FormState(input, check.Refusal.Value, check.Errors)));
    }

    [Fact]
    public void RequiredDetailsAreLabelledWithTheirPurposeAndRetention()
    {
        var page = Open(Poll(ContactMode.Required));

        Assert.Equal(
            "We use your details only for this poll (for example, to contact the winners) and delete them 90 days after it ends. We send you offers only if you tick the box below.",
            page.GetElementById("contact-purpose")!.TextContent);
    }

    [Theory]
    [InlineData("en", 1, "1 day after")]
    [InlineData("he", 1, "יום אחד לאחר")]
    [InlineData("he", 2, "יומיים לאחר")]
    [InlineData("de", 30, "30 Tage nach")]
    [InlineData("pl", 22, "22 dni po")]
    [InlineData("sl", 2, "2 dneva po")]
    [InlineData("lv", 1, "1 dienu pēc")]
    [InlineData("ar", 90, "٩٠ يومًا")]
    [InlineData("fa", 90, "۹۰ روز")]
    [InlineData("es", 730, "730 días después")]
    [InlineData("fr", 1, "1 jour après")]
    public void TheRetentionIsShownInTheCampaignsLanguageWithTheRightPluralForm(string locale, int days, string expected) =>
        Assert.Contains(expected, Open(Poll(ContactMode.Required, locale, days)).GetElementById("contact-purpose")!.TextContent);

    [Fact]
    public void InRequiredModeTheConsentBoxIsOptionalAndUnticked()
    {
        var page = Open(Poll(ContactMode.Required));

        var consent = page.QuerySelector("input[type=checkbox][name=consent]")!;
        Assert.False(consent.HasAttribute("required"));
        Assert.False(consent.HasAttribute("checked"));
        Assert.Equal("(optional)", page.QuerySelector("label[for=consent] .optional")!.TextContent);
        Assert.True(page.QuerySelector("input[name=email]")!.HasAttribute("required"));
    }

    [Fact]
    public void OptionalModeShowsNoRetentionLabelBecauseNothingIsKeptToTakePart()
    {
        var page = Open(Poll(ContactMode.Optional));

        Assert.Null(page.GetElementById("contact-purpose"));
        Assert.Equal("Optional. We only keep your details if you tick the box.", page.QuerySelector("fieldset .hint")!.TextContent);
    }

    [Fact]
    public void AnEmailWithoutConsentIsAnsweredOnTheConsentBox()
    {
        var page = Refused(Poll(ContactMode.Optional), "fan@example.com", consent: false);

        Assert.Equal("Your email will not be kept unless you tick this box. Tick it, or clear the email field.", page.GetElementById("consent-error")!.TextContent);
        Assert.Equal("consent-error", page.QuerySelector("input[name=consent]")!.GetAttribute("aria-describedby"));
        Assert.Null(page.GetElementById("email-error"));
        Assert.Equal("fan@example.com", page.QuerySelector("input[name=email]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#consent']"));
    }

    [Fact]
    public void ConsentWithoutAnEmailIsAnsweredOnTheEmailField()
    {
        var page = Refused(Poll(ContactMode.Optional), null, consent: true);

        Assert.Equal("Enter your email to receive offers, or untick the box.", page.GetElementById("email-error")!.TextContent);
        Assert.Null(page.GetElementById("consent-error"));
        Assert.True(page.QuerySelector("input[name=consent]")!.HasAttribute("checked"));
    }

    [Fact]
    public void AMissingRequiredEmailAsksForItWhetherOrNotTheBoxIsTicked()
    {
        foreach (var consent in new[] { false, true })
        {
            var page = Refused(Poll(ContactMode.Required), null, consent);
            Assert.Equal("Enter your email address.", page.GetElementById("email-error")!.TextContent);
            Assert.Null(page.GetElementById("consent-error"));
        }
    }

    [Fact]
    public void AMalformedEmailWithoutConsentIsToldBothWhatIsWrongAndWhatWouldHappen()
    {
        var page = Refused(Poll(ContactMode.Optional), "not-an-email", consent: false);

        Assert.Equal("Enter a valid email address, like name@example.com.", page.GetElementById("email-error")!.TextContent);
        Assert.NotNull(page.GetElementById("consent-error"));
    }

    [Theory]
    [InlineData("he")]
    [InlineData("ar")]
    [InlineData("pl")]
    public void TheInlineMessagesAreInTheCampaignsLanguage(string locale)
    {
        var english = Refused(Poll(ContactMode.Optional), "fan@example.com", consent: false).GetElementById("consent-error")!.TextContent;
        var translated = Refused(Poll(ContactMode.Optional, locale), "fan@example.com", consent: false).GetElementById("consent-error")!.TextContent;

        Assert.False(string.IsNullOrWhiteSpace(translated));
        Assert.NotEqual(english, translated);
    }
}
