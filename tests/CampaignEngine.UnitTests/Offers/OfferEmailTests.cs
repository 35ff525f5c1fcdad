using CampaignEngine.Contacts;
using CampaignEngine.Mail;
using CampaignEngine.Offers;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.UnitTests.Pages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CampaignEngine.UnitTests.Offers;

/// <summary>The offer mail as composed, before any server sees it: its parts, its headers, its links.</summary>
public sealed class OfferEmailTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Key = new('c', 64);

    private static OfferEmail Composer()
    {
        var clock = new FakeTimeProvider(Now);
        var email = Options.Create(new EmailOptions { Host = "smtp.example", From = "offers@brand.example", BrandName = "Brand", PostalAddress = "1 High St" });
        var links = new MailedLinks(new SignedLinks(Options.Create(new ContactOptions { KeySecret = "a-contact-key-secret-of-32-or-more-chars" }), clock),
            Options.Create(new EngineOptions { PublicBaseUrl = "https://vote.example" }));
        // Composing reads nothing from storage: the stores are never asked.
        return new OfferEmail(null!, null!, null!, null!, new PageStrings(), new PageTemplates(), links,
            new SmtpMailer(email, NullLogger<SmtpMailer>.Instance), email, clock);
    }

    private static Offer Offer => new("Your code", "Hi {{ name }}, here is {{ code }}.", OfferSendWhen.AfterTakingPart, Now.AddDays(30), null,
        "https://other.example", Now);

    [Fact]
    public void AMailWithACodeHasTextAndHtmlPartsAQrImageAndTheOneClickUnsubscribeHeaders()
    {
        var message = Composer().Compose(PageFixtures.Poll(), Offer, new Assignment(Key, "CODE-42", false, Now, null, null),
            new ContactDetails("fan@example.com", "Fan", true), Now);

        Assert.Equal("Your code", message.Subject);
        Assert.Equal("Brand", message.From.Mailboxes.Single().Name);
        Assert.Equal("fan@example.com", message.To.Mailboxes.Single().Address);
        Assert.Contains("Hi Fan, here is CODE-42.", message.TextBody);
        Assert.Contains("CODE-42", message.HtmlBody);
        Assert.Contains("1 High St", message.TextBody);
        var image = Assert.Single(message.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.Contains($"cid:{image.ContentId}", message.HtmlBody);

        var unsubscribe = message.Headers["List-Unsubscribe"]!;
        Assert.StartsWith("<https://vote.example/l/u/", unsubscribe);
        Assert.EndsWith(">", unsubscribe);
        Assert.Equal(ListUnsubscribe.OneClickBody, message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("https://vote.example/l/r/", message.HtmlBody);
        Assert.Contains(unsubscribe.Trim('<', '>'), message.TextBody);
        Assert.Equal($"offer.summer-poll.{Key[..32]}@brand.example", message.MessageId);
    }

    [Fact]
    public void AFanWhoFoundThePoolEmptyGetsAKindWordAndNoCode()
    {
        var message = Composer().Compose(PageFixtures.Poll(), Offer, new Assignment(Key, null, true, Now, null, null),
            new ContactDetails("fan@example.com", null, true), Now);

        Assert.Contains("Which flavour next?", message.Subject);
        Assert.Contains("All our codes have been given out", message.TextBody);
        Assert.DoesNotContain("/l/r/", message.HtmlBody);
        Assert.DoesNotContain(message.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.NotNull(message.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public void AMailInARightToLeftLanguageSaysSo()
    {
        var message = Composer().Compose(PageFixtures.Poll(locale: "ar"), Offer, new Assignment(Key, "CODE-42", false, Now, null, null),
            new ContactDetails("fan@example.com", "Fan", true), Now);

        Assert.Contains("dir=\"rtl\"", message.HtmlBody);
        Assert.Contains("lang=\"ar\"", message.HtmlBody);
        Assert.Equal("ar", message.Headers[HeaderId.ContentLanguage]);
    }
}
