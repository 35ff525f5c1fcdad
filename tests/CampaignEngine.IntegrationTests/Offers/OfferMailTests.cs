using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CampaignEngine.Contacts;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.IntegrationTests.Pages;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static CampaignEngine.IntegrationTests.Offers.Offers;

namespace CampaignEngine.IntegrationTests.Offers;

/// <summary>A fan's way through an offer: the code on the thank-you page, the mail in a real SMTP inbox, unsubscribe, redemption.</summary>
public sealed class OfferMailTests(MailEngineFixture fixture) : IClassFixture<MailEngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task AConsentingFanSeesTheCodeOnTheThankYouPageAndGetsItByMailInTwoPartsWithAWorkingOneClickUnsubscribe()
    {
        var slug = await PollWithOfferAsync(Host, codes: 5, stem: "mail");
        var email = $"dana@{slug}.test";
        using var fan = Host.CreateClient();
        using var voted = await fan.PostAsync($"/c/{slug}/votes", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["optionId"] = "choc", ["email"] = email, ["name"] = "<b>Dana</b>", ["consent"] = "yes",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, voted.StatusCode);
        var thanks = voted.Headers.Location!.OriginalString;
        Assert.EndsWith("&offers=1", thanks);

        var page = await Eventually.ReturnsAsync(() => fan.GetPageAsync(thanks), p => p.Document.QuerySelector(".offer-code") is not null,
            because: "the code on the thank-you page");
        var code = page.Document.QuerySelector(".offer-code")!.TextContent.Trim();
        Assert.Matches("^TEST-", code);
        Html.AssertNoActiveContent(page.Document);

        var message = (await Eventually.ReturnsAsync(() => fixture.Mail.MessagesToAsync(email), m => m.Count == 1, because: "the offer mail")).Single();
        Assert.Equal("Your 20% off code", message.Subject);
        Assert.Equal("offers@brand.test", message.From.Mailboxes.Single().Address);
        Assert.Contains(code, message.TextBody);
        Assert.Contains("Hi <b>Dana</b>, thanks for voting", message.TextBody);
        Assert.Contains("1 Test Street, Testville", message.TextBody);
        var html = new HtmlParser().ParseDocument(message.HtmlBody!);
        Assert.Contains(code, html.Body!.TextContent);
        Assert.Empty(html.QuerySelectorAll("b"));
        Assert.Contains("Hi <b>Dana</b>", html.Body.TextContent);
        Assert.Contains(message.BodyParts, part => part.ContentType.MimeType == "image/png");

        var unsubscribe = message.Headers["List-Unsubscribe"]!;
        Assert.Matches("^<http://127\\.0\\.0\\.1:\\d+/l/u/[^>]+>$", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var link = unsubscribe.Trim('<', '>');

        // Opening the link changes nothing (mail scanners open links); the one-click POST does, at once.
        var ask = await fan.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.OK, ask.Response.StatusCode);
        Assert.NotNull(ask.Document.QuerySelector("form[method=post] button"));
        Assert.True((await ContactAsync(slug)).GetProperty("marketingConsent").GetBoolean());
        using var mailClient = new HttpClient();
        using var oneClick = await mailClient.PostAsync(link, new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        var contact = await ContactAsync(slug);
        Assert.False(contact.GetProperty("marketingConsent").GetBoolean());
        Assert.Equal("unsubscribe", contact.GetProperty("withdrawals").EnumerateArray().Single().GetProperty("source").GetString());

        // The brand's next campaign with an offer hands this fan nothing, though they consent there too.
        var next = await PollWithOfferAsync(Host, codes: 5, stem: "next");
        await Host.Services.GetServices<IContactFollowUp>().Single().CapturedAsync(
            [new ContactSubmitted("receipt-of-next", next, email, null, "consent", "form", DateTimeOffset.UtcNow)], CancellationToken.None);
        var stats = await StatsAsync(Host, next);
        Assert.Equal((0, 0, 5), (stats.GetProperty("assigned").GetInt32(), stats.GetProperty("missed").GetInt32(), stats.GetProperty("left").GetInt32()));
        Assert.Single(await fixture.Mail.MessagesToAsync(email));
    }

    [Fact]
    public async Task StaffRedeemACodeOnceWithThePinAndASecondTryShowsWhenItWasRedeemed()
    {
        var slug = await PollWithOfferAsync(Host, codes: 3, stem: "redeem");
        var email = $"sam@{slug}.test";
        using var fan = Host.CreateClient();
        using var voted = await fan.PostAsJsonAsync($"/c/{slug}/votes", new { optionId = "van", email, consent = true });
        Assert.Equal(HttpStatusCode.Accepted, voted.StatusCode);
        var message = (await Eventually.ReturnsAsync(() => fixture.Mail.MessagesToAsync(email), m => m.Count == 1, because: "the offer mail")).Single();
        var redeem = new HtmlParser().ParseDocument(message.HtmlBody!).QuerySelector("a[href*='/l/r/']")!.GetAttribute("href")!;

        using var staff = Host.CreateClient();
        var shown = await staff.GetPageAsync(redeem);
        Assert.Equal(HttpStatusCode.OK, shown.Response.StatusCode);
        var code = shown.Document.QuerySelector(".offer-code")!.TextContent.Trim();
        Assert.Contains(code, message.TextBody);
        Assert.NotNull(shown.Document.QuerySelector("input#pin[type=password]"));

        var wrong = await staff.PostFormAsync(redeem, ("pin", "0000"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Response.StatusCode);
        Assert.NotNull(wrong.Document.QuerySelector(".field-error"));
        Assert.Equal(0, (await StatsAsync(Host, slug)).GetProperty("redeemed").GetInt32());

        var first = await staff.PostFormAsync(redeem, ("pin", Pin));
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Null(first.Document.QuerySelector("form"));
        var second = await staff.PostFormAsync(redeem, ("pin", Pin));
        Assert.Equal(HttpStatusCode.Conflict, second.Response.StatusCode);
        Assert.Contains("Already redeemed on", second.Document.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(1, (await StatsAsync(Host, slug)).GetProperty("redeemed").GetInt32());

        var tampered = await staff.GetPageAsync(redeem[..^2] + (redeem.EndsWith("AA") ? "BB" : "AA"));
        Assert.Equal(HttpStatusCode.NotFound, tampered.Response.StatusCode);
    }

    private async Task<JsonElement> ContactAsync(string slug) =>
        (await Eventually.ReturnsAsync(async () => (await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/contacts")).EnumerateArray().ToArray(),
            c => c.Length == 1)).Single();
}
