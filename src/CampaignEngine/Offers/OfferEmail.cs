using CampaignEngine.Campaigns;
using CampaignEngine.Contacts;
using CampaignEngine.Mail;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace CampaignEngine.Offers;

/// <summary>
/// The offer mail (type <c>offer</c>): the contact's code with its QR redeem link, or a kind word when the pool was empty
/// for them; HTML and plain text; the brand's footer and a one-click unsubscribe. Nothing is sent twice for one
/// assignment (its <c>EmailedAt</c>), nor to a contact without consent to offers.
/// </summary>
public sealed class OfferEmail(
    OfferStore offers, CodePool pool, ContactStore contacts, CampaignCache campaigns, PageStrings strings, PageTemplates templates,
    MailedLinks links, SmtpMailer mailer, IOptions<EmailOptions> options, TimeProvider time) : IEmailComposer
{
    public const string TypeName = "offer";
    private static readonly TimeSpan OfferCacheFor = TimeSpan.FromSeconds(5);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Offer Offer, DateTimeOffset Read)> recent = new(StringComparer.Ordinal);

    public string Type => TypeName;

    public async Task<MimeMessage?> ComposeAsync(EmailJob job, CancellationToken cancellationToken)
    {
        if (await contacts.FindAsync(job.Slug, job.ContactKey, cancellationToken) is not { MarketingConsent: true } contact) return null;
        if (await OfferAsync(job.Slug, cancellationToken) is not { } offer) return null;
        if (await campaigns.FindAsync(job.Slug, cancellationToken) is not { } campaign) return null;
        // Last, so a mail that will not go out leaves no claim behind.
        if (await pool.ClaimSendingAsync(job.Slug, job.ContactKey, cancellationToken) is not { } assignment) return null;
        return Compose(campaign, offer, assignment, contact, time.GetUtcNow());
    }

    /// <summary>The campaign's offer, read at most every few seconds: a close-time send asks for it once per mail.</summary>
    private async Task<Offer?> OfferAsync(string slug, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (recent.TryGetValue(slug, out var cached) && now - cached.Read < OfferCacheFor) return cached.Offer;
        var offer = await offers.GetAsync(slug, cancellationToken);
        if (recent.Count > 1000) recent.Clear();
        if (offer is not null) recent[slug] = (offer, now);
        return offer;
    }

    public Task SentAsync(EmailJob job, CancellationToken cancellationToken) => pool.MarkEmailedAsync(job.Slug, job.ContactKey, cancellationToken);

    public Task NotSentAsync(EmailJob job, CancellationToken cancellationToken) => pool.ReleaseSendingAsync(job.Slug, job.ContactKey, cancellationToken);

    internal MimeMessage Compose(Campaign campaign, Offer offer, Assignment assignment, ContactDetails contact, DateTimeOffset now)
    {
        var settings = options.Value;
        var locale = strings.For(campaign).InZone(CampaignTime.Zone(campaign.TimeZone));
        var expires = offer.ExpiresAt is { } at ? locale.DateTime(at) : null;
        var unsubscribe = links.Unsubscribe(offer, campaign.Slug, assignment.ContactKey);
        var footer = locale.Format("email_footer_reason", settings.BrandName, campaign.Title);

        string subject, text;
        RawHtml body;
        var builder = new BodyBuilder();
        if (assignment.Code is { } code)
        {
            subject = offer.Subject;
            text = OfferMessage.Text(offer.Message, new OfferValues(code, contact.Name, campaign.Title, expires, settings.BrandName));
            var redeem = links.Redeem(offer, campaign.Slug, assignment.ContactKey, now);
            var qr = builder.LinkedResources.Add("redeem-qr.png", QrCodes.PngOf(redeem, pixelsPerModule: 5), new ContentType("image", "png"));
            qr.ContentId = MimeUtils.GenerateMessageId();
            body = Render(locale, OfferMessage.Html(text), code, expires, "cid:" + qr.ContentId, redeem, footer, unsubscribe);
            text = string.Join("\n\n", new[]
            {
                text, $"{locale["email_code_label"]}: {code}", expires is null ? null : locale.Format("email_expires", expires),
                $"{locale["email_redeem_hint"]} {redeem}",
            }.Where(line => line is not null));
        }
        else
        {
            subject = locale.Format("email_missed_subject", campaign.Title);
            text = locale["offer_missed"];
            body = Render(locale, OfferMessage.Html(text), null, null, null, null, footer, unsubscribe);
        }
        builder.HtmlBody = body.Value;
        builder.TextBody = string.Join("\n\n", new[] { text, "--", footer, settings.PostalAddress, $"{locale["email_unsubscribe"]}: {unsubscribe}" }
            .Where(line => !string.IsNullOrEmpty(line)));

        var message = new MimeMessage { Subject = subject, Body = builder.ToMessageBody() };
        message.From.Add(mailer.Sender);
        message.To.Add(new MailboxAddress(contact.Name ?? "", contact.Email));
        // The same mail always has the same id: should a crash send it twice, mail clients show it once.
        message.MessageId = $"offer.{campaign.Slug}.{assignment.ContactKey[..32]}@{mailer.Sender.Domain}";
        message.Headers.Replace(HeaderId.ContentLanguage, locale.Code);
        ListUnsubscribe.Add(message, unsubscribe);
        return message;
    }

    private RawHtml Render(PageLocale locale, RawHtml message, string? code, string? expires, string? qr, string? redeem, string footer, string unsubscribe) =>
        templates.Render("offer-email", new Dictionary<string, object?>
        {
            ["t"] = locale.Strings,
            ["lang"] = locale.Code,
            ["dir"] = locale.Dir,
            ["message"] = message,
            ["code"] = code,
            ["expires"] = expires is null ? null : locale.Format("email_expires", expires),
            ["qr"] = qr,
            ["redeem"] = redeem,
            ["footer"] = footer,
            ["postal_address"] = options.Value.PostalAddress,
            ["unsubscribe"] = unsubscribe,
        });
}
