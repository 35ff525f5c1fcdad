using System.Net;
using CampaignEngine.IntegrationTests.Infrastructure;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Pages;

public sealed class FanPageTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task ThePollPageIsAPlainFormWithLabelledRadiosAndAnUntickedConsentBox()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("form").WithContact("optional"));
        using var fan = Host.CreateClient();

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var form = page.Document.QuerySelector("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal($"/c/{poll.Slug}/votes", form.GetAttribute("action"));
        var radios = form.QuerySelectorAll("input[type=radio][name=optionId]");
        Assert.Equal(["choc", "van", "straw"], radios.Select(r => r.GetAttribute("value")));
        Assert.Equal(["Chocolate", "Vanilla", "Strawberry"], radios.Select(r => form.QuerySelector($"label[for='{r.Id}']")!.TextContent));
        Assert.NotNull(form.QuerySelector("fieldset > legend"));
        var email = form.QuerySelector("input[name=email]")!;
        Assert.Equal("email", email.GetAttribute("type"));
        Assert.False(email.HasAttribute("required"));
        Assert.NotNull(form.QuerySelector($"label[for='{email.Id}']"));
        Assert.NotNull(form.QuerySelector("input[name=name]"));
        var consent = form.QuerySelector("input[type=checkbox][name=consent]")!;
        Assert.Equal("yes", consent.GetAttribute("value"));
        Assert.False(consent.HasAttribute("checked"));
        Assert.Contains("Send me offers from Test Brand.", form.QuerySelector($"label[for='{consent.Id}']")!.TextContent);
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
    }

    [Fact]
    public async Task RequiredContactMakesTheEmailRequiredAndNoContactShowsNoFields()
    {
        var required = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("required").WithContact("required"));
        var off = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("off"));
        using var fan = Host.CreateClient();

        var withContact = await fan.GetPageAsync($"/c/{required.Slug}");
        var without = await fan.GetPageAsync($"/c/{off.Slug}");

        Assert.True(withContact.Document.QuerySelector("input[name=email]")!.HasAttribute("required"));
        Assert.Null(without.Document.QuerySelector("input[name=email]"));
        Assert.Null(without.Document.QuerySelector("input[name=consent]"));
    }

    [Fact]
    public async Task RequiredContactKeepsTheMarketingBoxOptionalAndSaysWhatTheDetailsAreForAndWhenTheyGo()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("purpose").WithContact("required", retentionDays: 30));
        using var fan = Host.CreateClient();

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");

        var consent = page.Document.QuerySelector("input[type=checkbox][name=consent]")!;
        Assert.False(consent.HasAttribute("required"));
        Assert.False(consent.HasAttribute("checked"));
        Assert.Equal("(optional)", page.Document.QuerySelector("label[for=consent] .optional")!.TextContent);
        Assert.Equal(
            "We use your details only for this poll (for example, to contact the winners) and delete them 30 days after it ends. We send you offers only if you tick the box below.",
            page.Document.GetElementById("contact-purpose")!.TextContent);
    }

    [Fact]
    public async Task RequiredContactTakesPartWithoutTheBoxTicked()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("untick").WithContact("required"));
        using var fan = Host.CreateClient();

        var vote = await fan.PostAsync($"/c/{poll.Slug}/votes", new FormUrlEncodedContent(new Dictionary<string, string> { ["optionId"] = "choc", ["email"] = "fan@example.com" }));

        Assert.Equal(HttpStatusCode.SeeOther, vote.StatusCode);
        Assert.StartsWith($"/c/{poll.Slug}/thanks", vote.Headers.Location!.OriginalString);
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task PagesCarryTheSecurityHeadersAndAbsoluteOpenGraphTags()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("og"));
        using var fan = Host.CreateClient();
        var pageUrl = new Uri(Host.BaseAddress, $"/c/{poll.Slug}").ToString();

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");

        var headers = page.Response.Headers;
        Assert.Equal("text/html; charset=utf-8", page.Response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", headers.GetValues("Referrer-Policy").Single());
        var csp = headers.GetValues("Content-Security-Policy").Single();
        foreach (var directive in new[] { "default-src 'none'", "img-src 'self' data:", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'", "style-src 'sha256-" })
        {
            Assert.Contains(directive, csp);
        }
        var document = page.Document;
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", document.DocumentElement.GetAttribute("dir"));
        Assert.Equal("Which flavour next?", document.Meta("og:title"));
        Assert.Equal("Pick the one you want in stores.", document.Meta("og:description"));
        Assert.Equal(pageUrl, document.Meta("og:url"));
        Assert.Equal("website", document.Meta("og:type"));
        Assert.Equal(pageUrl + "/card.png", document.Meta("og:image"));
        Assert.Equal("1200", document.Meta("og:image:width"));
        Assert.Equal("summary_large_image", document.Meta("twitter:card"));
        Assert.Equal(pageUrl, document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Contains("width=device-width", document.QuerySelector("meta[name=viewport]")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("he", "rtl")]
    [InlineData("fa", "rtl")]
    [InlineData("ar", "rtl")]
    [InlineData("pl", "ltr")]
    [InlineData("fr", "ltr")]
    public async Task ThePageSpeaksTheCampaignsLanguage(string locale, string dir)
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug(locale).WithLocale(locale));
        using var fan = Host.CreateClient();

        var page = await fan.GetPageAsync($"/c/{poll.Slug}", acceptLanguage: "en");

        Assert.Equal(locale, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(dir, page.Document.DocumentElement.GetAttribute("dir"));
        Assert.NotEqual("Vote", page.Document.QuerySelector("button")!.TextContent);
    }

    [Fact]
    public async Task HostileCampaignTextIsEscapedOnEveryPage()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("xss")
            .WithTitle(string.Join(" ", Hostile))
            .WithDescription(string.Join(" | ", Hostile))
            .WithOptionIds(Hostile.Select((h, i) => ($"o{i}", h)).ToArray())
            .WithContact("optional", string.Join(" ", Hostile)));
        using var fan = Host.CreateClient();
        var vote = await fan.PostAsync($"/c/{poll.Slug}/votes", new FormUrlEncodedContent([KeyValuePair.Create("optionId", "o0")]));
        var thanksPath = vote.Headers.Location!.OriginalString;

        foreach (var path in new[] { $"/c/{poll.Slug}", thanksPath, $"/c/{poll.Slug}/results" })
        {
            var page = await fan.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
            AssertNoActiveContent(page.Document);
            Assert.Contains(page.Document.QuerySelectorAll("h1, .eyebrow"), e => e.TextContent == string.Join(" ", Hostile));
            Assert.DoesNotContain("<script>alert", page.Source);
        }
        // A fan who has not voted sees the form and the shared pages.
        using var stranger = Host.CreateClient();
        var pollPage = await stranger.GetPageAsync($"/c/{poll.Slug}");
        Assert.Equal(Hostile, pollPage.Document.QuerySelectorAll(".option label").Select(l => l.TextContent));
        Assert.Equal(string.Join(" ", Hostile), pollPage.Document.Meta("og:title"));
        var results = await stranger.GetPageAsync($"/c/{poll.Slug}/results");
        Assert.Equal(Hostile, results.Document.QuerySelectorAll(".result-label").Select(l => l.TextContent));
        Assert.Equal("Results: " + string.Join(" ", Hostile), results.Document.Meta("og:title"));

        // The error page of a refused vote shows the campaign title too.
        var again = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "o1"));
        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        AssertNoActiveContent(again.Document);
        Assert.Equal(string.Join(" ", Hostile), again.Document.QuerySelector(".eyebrow")!.TextContent);
    }

    [Fact]
    public async Task WhatTheFanTypedIsKeptEscapedWithTheErrorsNextToTheFields()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("typed").WithContact("required"));
        using var fan = Host.CreateClient();
        var typedEmail = "\"><script>alert(1)</script>";
        var typedName = "' autofocus onfocus='x";

        var page = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "van"), ("email", typedEmail), ("name", typedName));

        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Response.Content.Headers.ContentType?.ToString());
        Assert.Contains("no-store", page.Response.Headers.CacheControl?.ToString());
        AssertNoActiveContent(page.Document);
        var email = page.Document.QuerySelector("input[name=email]")!;
        Assert.Equal(typedEmail, email.GetAttribute("value"));
        Assert.Equal("true", email.GetAttribute("aria-invalid"));
        Assert.Equal("Enter a valid email address, like name@example.com.", page.Document.GetElementById(email.GetAttribute("aria-describedby")!)!.TextContent);
        Assert.Equal(typedName, page.Document.QuerySelector("input[name=name]")!.GetAttribute("value"));
        Assert.Equal("van", page.Document.QuerySelector("input[type=radio]:checked")!.GetAttribute("value"));
        Assert.NotNull(page.Document.QuerySelector(".error-summary a[href='#email']"));
    }

    [Fact]
    public async Task AMissingChoiceIsShownInlineAndKeepsTheEmail()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("inline").WithContact("required"));
        using var fan = Host.CreateClient();

        var noChoice = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("email", "fan@example.com"));

        Assert.Equal(HttpStatusCode.BadRequest, noChoice.Response.StatusCode);
        Assert.Equal("Choose one of the options.", noChoice.Document.GetElementById("options-error")!.TextContent);
        Assert.Equal("fan@example.com", noChoice.Document.QuerySelector("input[name=email]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AnEmailWithoutConsentAndConsentWithoutAnEmailAreAnsweredInlineNotDropped()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("mismatch").WithContact("optional"));
        using var fan = Host.CreateClient();

        var emailOnly = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"), ("email", "fan@example.com"));
        var consentOnly = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"), ("consent", "yes"));

        Assert.Equal(HttpStatusCode.BadRequest, emailOnly.Response.StatusCode);
        Assert.Equal("Your email will not be kept unless you tick this box. Tick it, or clear the email field.",
            emailOnly.Document.GetElementById("consent-error")!.TextContent);
        Assert.Equal("true", emailOnly.Document.QuerySelector("input[name=consent]")!.GetAttribute("aria-invalid"));
        Assert.Equal("fan@example.com", emailOnly.Document.QuerySelector("input[name=email]")!.GetAttribute("value"));
        Assert.Equal("choc", emailOnly.Document.QuerySelector("input[type=radio]:checked")!.GetAttribute("value"));
        Assert.NotNull(emailOnly.Document.QuerySelector(".error-summary a[href='#consent']"));
        Assert.Equal(HttpStatusCode.BadRequest, consentOnly.Response.StatusCode);
        Assert.Equal("Enter your email to receive offers, or untick the box.", consentOnly.Document.GetElementById("email-error")!.TextContent);
        Assert.True(consentOnly.Document.QuerySelector("input[name=consent]")!.HasAttribute("checked"));
        // Neither refusal used up the fan's vote: leaving both out takes part, and counts as the only vote.
        var plain = await fan.PostAsync($"/c/{poll.Slug}/votes", new FormUrlEncodedContent([KeyValuePair.Create("optionId", "choc")]));
        Assert.Equal(HttpStatusCode.SeeOther, plain.StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
    }

    [Fact]
    public async Task TheConsentMessagesSpeakTheCampaignsLanguage()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("mismatch-de").WithLocale("de").WithContact("optional"));
        using var fan = Host.CreateClient();

        var page = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"), ("email", "fan@example.com"));

        Assert.Equal("Deine E-Mail-Adresse wird nicht gespeichert, wenn du dieses Kästchen nicht ankreuzt. Kreuze es an oder leere das E-Mail-Feld.",
            page.Document.GetElementById("consent-error")!.TextContent);
    }

    [Fact]
    public async Task AFanWhoAlreadyVotedIsToldSoWithAResultsLink()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("twice").WithLocale("sl"));
        using var fan = Host.CreateClient();
        await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"));

        var again = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "van"));

        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.Equal("sl", again.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Že ste glasovali", again.Document.QuerySelector("h1")!.TextContent);
        Assert.NotNull(again.Document.QuerySelector($"a[href='/c/{poll.Slug}/results']"));
    }

    [Fact]
    public async Task TheThankYouPageConfirmsShowsTheReceiptAndOffersShareLinks()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("thanks"));
        using var fan = Host.CreateClient();
        var vote = await fan.PostAsync($"/c/{poll.Slug}/votes", new FormUrlEncodedContent([KeyValuePair.Create("optionId", "straw")]));
        var receipt = Uri.UnescapeDataString(vote.Headers.Location!.OriginalString.Split("receipt=")[1]);

        var page = await fan.GetPageAsync(vote.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("Thank you for voting!", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal(receipt, page.Document.QuerySelector(".receipt code")!.TextContent);
        var hrefs = page.Document.QuerySelectorAll(".share-links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(hrefs, h => h.StartsWith("https://twitter.com/intent/tweet?", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("https://www.facebook.com/sharer/sharer.php?u=", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("https://wa.me/?text=", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("https://t.me/share/url?", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("mailto:?", StringComparison.Ordinal));
        Assert.All(hrefs, h => Assert.Contains(Uri.EscapeDataString(new Uri(Host.BaseAddress, $"/c/{poll.Slug}").ToString()), h));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/c/{poll.Slug}/results']"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/c/{poll.Slug}']"));
    }

    [Fact]
    public async Task TheResultsPageShowsCountsPercentagesAndBarsOnceTallied()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("results"));
        foreach (var option in new[] { "choc", "choc", "van" })
        {
            using var voter = Host.CreateClient();
            await voter.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", option));
        }
        await Host.WaitForTotalAsync(poll.Slug, 3);
        using var fan = Host.CreateClient();

        var page = await Eventually.ReturnsAsync(() => fan.GetPageAsync($"/c/{poll.Slug}/results"),
            p => p.Document.QuerySelector(".meta")!.TextContent.Contains("Total votes: 3"), TimeSpan.FromSeconds(20), "results page to show 3 votes");

        Assert.Equal("public, no-cache", page.Response.Headers.CacheControl?.ToString());
        Assert.Contains("Cookie", page.Response.Headers.Vary);
        var rows = page.Document.QuerySelectorAll(".results li")
            .Select(li => (li.QuerySelector(".result-label")!.TextContent, li.QuerySelector(".result-figures")!.TextContent,
                li.QuerySelector("svg rect")!.GetAttribute("width")))
            .ToList();
        Assert.Equal([("Chocolate", "2 votes · 66.7%", "66.7"), ("Vanilla", "1 vote · 33.3%", "33.3"), ("Strawberry", "0 votes · 0.0%", "0")], rows);
        Assert.Contains("Last updated: ", page.Document.QuerySelector(".meta")!.TextContent);
        Assert.Equal("Results: Which flavour next?", page.Document.Meta("og:title"));
        Assert.Equal(new Uri(Host.BaseAddress, $"/c/{poll.Slug}/results").ToString(), page.Document.Meta("og:url"));
    }

    [Fact]
    public async Task DraftsUnknownAndMalformedSlugsGetAFriendly404()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("draft"), publish: false);
        using var fan = Host.CreateClient();

        foreach (var path in new[] { $"/c/{draft.Slug}", $"/c/{draft.Slug}/results", $"/c/{draft.Slug}/thanks", "/c/no-such-poll", $"/c/{draft.Slug}/qr.png" })
        {
            var page = await fan.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
            Assert.Equal("text/html; charset=utf-8", page.Response.Content.Headers.ContentType?.ToString());
            Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent);
            Assert.DoesNotContain(draft.Title, page.Source);
        }
    }

    [Fact]
    public async Task SlugsWithDisallowedCharactersGetAFriendly400OnEveryFanPage()
    {
        using var fan = Host.CreateClient();

        // 400 like the API and the vote endpoint; to the fan it reads as a bad link.
        foreach (var path in new[] { "/c/NOT_A_SLUG", "/c/NOT_A_SLUG/results", "/c/NOT_A_SLUG/thanks", "/c/a.b/qr.png", "/c/a.b/qr.svg" })
        {
            var page = await fan.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
            Assert.Equal("text/html; charset=utf-8", page.Response.Content.Headers.ContentType?.ToString());
            Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent);
        }
    }

    [Theory]
    [InlineData("he-IL,he;q=0.9,en;q=0.5", "he", "rtl", "הדף לא נמצא")]
    [InlineData("fa", "fa", "rtl", "صفحه پیدا نشد")]
    [InlineData("it-IT,lv;q=0.8", "lv", "ltr", "Lapa nav atrasta")]
    [InlineData("ar-EG,ar;q=0.9", "ar", "rtl", "الصفحة غير موجودة")]
    [InlineData("de-DE", "de", "ltr", "Seite nicht gefunden")]
    [InlineData("it-IT", "en", "ltr", "Page not found")]
    public async Task UnknownCampaignsAnswerInTheBrowsersLanguage(string acceptLanguage, string lang, string dir, string heading)
    {
        using var fan = Host.CreateClient();

        var page = await fan.GetPageAsync("/c/never-was", acceptLanguage);

        Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
        Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(dir, page.Document.DocumentElement.GetAttribute("dir"));
        Assert.Equal(heading, page.Document.QuerySelector("h1")!.TextContent);
        Assert.Contains("Accept-Language", page.Response.Headers.Vary);
    }

    [Fact]
    public async Task AnOversizedFormPostToAHebrewPollIsAnsweredInHebrew()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("big-he").WithLocale("he"));
        using var fan = Host.CreateClient();

        // An English browser: the page follows the campaign, as every other page of that poll does.
        var page = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"), ("name", new string('n', 70_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Response.StatusCode);
        Assert.Equal("he", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", page.Document.DocumentElement.GetAttribute("dir"));
        Assert.Equal(0, (await Host.GetResultsAsync(poll.Slug)).GetProperty("totalVotes").GetInt64());
    }

    [Fact]
    public async Task AClosedPollShowsTheClosedNoticeAndResultsInsteadOfTheForm()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("closed"));
        using var fan = Host.CreateClient();
        await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "van"));
        await Host.WaitForTotalAsync(poll.Slug, 1);
        (await Host.Admin.PostAsync($"/api/campaigns/{poll.Slug}/close", null)).EnsureSuccessStatusCode();

        var page = await Eventually.ReturnsAsync(() => fan.GetPageAsync($"/c/{poll.Slug}"),
            p => p.Document.QuerySelector("form") is null, TimeSpan.FromSeconds(20), "the poll page to show it closed");
        var late = await Host.CreateClient().PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"));

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("Voting has closed", page.Document.QuerySelector(".notice strong")!.TextContent);
        Assert.Contains("1 vote · 100.0%", page.Document.QuerySelectorAll(".result-figures").Select(f => f.TextContent));
        Assert.Equal(HttpStatusCode.Conflict, late.Response.StatusCode);
        Assert.Equal("Voting has closed", late.Document.QuerySelector("h1")!.TextContent);
        Assert.NotEmpty(late.Document.QuerySelectorAll(".results li"));
    }

    [Fact]
    public async Task APollThatHasNotStartedSaysWhenItOpens()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("later")
            .With("startsAt", new DateTimeOffset(2099, 3, 1, 9, 30, 0, TimeSpan.Zero)));
        using var fan = Host.CreateClient();

        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        var early = await fan.PostFormAsync($"/c/{poll.Slug}/votes", ("optionId", "choc"));

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Null(page.Document.QuerySelector("form"));
        Assert.Equal("Voting opens on Sunday, 1 March 2099 09:30 UTC.", page.Document.QuerySelector(".notice")!.LastChild!.TextContent);
        Assert.Equal(HttpStatusCode.Conflict, early.Response.StatusCode);
        Assert.Contains("1 March 2099", early.Document.Body!.TextContent);
    }
}
