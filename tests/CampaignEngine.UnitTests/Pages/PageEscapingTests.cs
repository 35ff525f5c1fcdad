using AngleSharp.Dom;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Views;
using CampaignEngine.Submissions;
using CampaignEngine.Polls;
using static CampaignEngine.UnitTests.Pages.PageFixtures;

namespace CampaignEngine.UnitTests.Pages;

/// <summary>Every page template, fed hostile campaign texts and form input, must show them as text.</summary>
public sealed class PageEscapingTests
{
    private static readonly string HostileTitle = string.Join(" ", Hostile);

    public static TheoryData<string> PageNames => new(AllPages().Select(p => p.Name));

    /// <summary>Every template rendered at least once, in every state that shows fan-supplied text.</summary>
    private static IEnumerable<(string Name, string Html)> AllPages()
    {
        var poll = HostilePoll();
        var required = HostilePoll(ContactMode.Required);
        var results = ResultsOf(poll, 3, 1, 0, 2);
        var typed = new PollVoteRequest("o2", null, Hostile[1] + "@x", Hostile[2], false);
        yield return ("poll-open", PollViews.Campaign(poll, Availability.Open, Links(), null));
        yield return ("poll-refused", PollViews.Campaign(required, Availability.Open, Links(), null,
            new CampaignEngine.Kinds.FormState(typed, SubmissionRefusal.InvalidContact, new Dictionary<string, string[]> { ["email"] = ["x"], ["name"] = ["y"] })));
        yield return ("poll-required-open", PollViews.Campaign(required, Availability.Open, Links(), null));
        // Optional contact, an email without consent: the consent box carries its inline error.
        yield return ("poll-consent-refused", PollViews.Campaign(poll, Availability.Open, Links(), null,
            new CampaignEngine.Kinds.FormState(typed, SubmissionRefusal.ConsentRequired, new Dictionary<string, string[]> { ["email"] = ["x"], ["consent"] = ["z"] })));
        yield return ("poll-closed", PollViews.Campaign(poll, Availability.Closed, Links(), results));
        yield return ("poll-not-started", PollViews.Campaign(poll with { StartsAt = DateTimeOffset.UnixEpoch }, Availability.NotStarted, Links(), null));
        yield return ("thanks", Views.Thanks(poll, Links(), Hostile[0]));
        yield return ("results-open", PollViews.Results(poll, Availability.Open, Links(), results));
        yield return ("results-closed", PollViews.Results(poll, Availability.Closed, Links(), results));
        foreach (var message in Enum.GetValues<FanMessage>())
        {
            yield return ($"message-{message}", Views.Message(Views.LocaleOf(poll), 400, message, poll, Links(), PollViews.Summary(Views.LocaleOf(poll), results)));
        }
        yield return ("message-no-campaign", Views.Message(Views.Strings.For("he"), 404, FanMessage.NotFound, homeUrl: "https://brand.example/"));
    }

    private static string Page(string name) => AllPages().Single(p => p.Name == name).Html;

    [Theory]
    [MemberData(nameof(PageNames))]
    public void HostileTextNeverBecomesMarkup(string name)
    {
        var document = Parse(Page(name));

        // Results pages carry the layout's one static script (allowed by its hash); nothing else may.
        var layoutScript = System.Text.RegularExpressions.Regex.Match(CampaignEngine.Pages.Rendering.PageTemplates.Source("layout"), "<script>(.*?)</script>").Groups[1].Value;
        Assert.All(document.QuerySelectorAll("script"), s => Assert.Equal(layoutScript, s.TextContent));
        Assert.True(name.StartsWith("results", StringComparison.Ordinal) || document.QuerySelectorAll("script").Length == 0);
        var elements = document.QuerySelectorAll("*");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name == "autofocus");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes.Where(a => a.Name is "href" or "src" or "action")),
            a => a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void EveryPageIsACompleteDocument(string name)
    {
        var document = Parse(Page(name));

        Assert.Equal("utf-8", document.QuerySelector("meta[charset]")?.GetAttribute("charset"));
        Assert.NotNull(document.QuerySelector("meta[name=viewport]"));
        Assert.False(string.IsNullOrWhiteSpace(document.Title));
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.Single(document.QuerySelectorAll("style"));
        Assert.Empty(document.QuerySelectorAll("[style]"));
    }

    [Fact]
    public void HostileTitleDescriptionLabelsAndConsentShowAsTextOnThePollPage()
    {
        var document = Parse(Page("poll-open"));

        Assert.Equal(HostileTitle, document.QuerySelector("h1")!.TextContent);
        Assert.Equal(HostileTitle, document.Title);
        Assert.Equal(string.Join("\n", Hostile), document.QuerySelector(".description")!.TextContent);
        Assert.Equal(Hostile, document.QuerySelectorAll(".option label").Select(l => l.TextContent));
        Assert.Equal(Hostile, document.QuerySelectorAll("input[type=radio]").Select(r => document.QuerySelector($"label[for='{r.Id}']")!.TextContent));
        Assert.EndsWith(HostileTitle, document.QuerySelector("label[for=consent]")!.TextContent);
        Assert.Equal(HostileTitle, Meta(document, "og:title"));
        Assert.Equal(string.Join("\n", Hostile), Meta(document, "og:description"));
    }

    [Theory]
    [InlineData("poll-required-open")]
    [InlineData("poll-consent-refused")]
    public void HostileConsentTextStaysTextBesideTheContactLabels(string name)
    {
        var document = Parse(Page(name));

        Assert.Equal(HostileTitle, document.QuerySelector("label[for=consent] span[dir=auto]")!.TextContent);
        Assert.NotNull(document.QuerySelector(name == "poll-required-open" ? "#contact-purpose" : "#consent-error"));
    }

    [Fact]
    public void WhatTheFanTypedComesBackAsAttributeValuesOnly()
    {
        var document = Parse(Page("poll-refused"));

        Assert.Equal(Hostile[1] + "@x", document.QuerySelector("input#email")!.GetAttribute("value"));
        Assert.Equal(Hostile[2], document.QuerySelector("input#name")!.GetAttribute("value"));
        Assert.Subset(new HashSet<string> { "type", "id", "name", "value", "autocomplete", "maxlength", "required", "aria-invalid", "aria-describedby" },
            document.QuerySelector("input#email")!.Attributes.Select(a => a.Name).ToHashSet());
        Assert.Equal("o2", document.QuerySelector("input[type=radio]:checked")!.GetAttribute("value"));
    }

    [Fact]
    public void HostileLabelsShowAsTextInResults()
    {
        foreach (var name in new[] { "results-open", "results-closed", "poll-closed", "message-Closed" })
        {
            var document = Parse(Page(name));
            Assert.Equal(Hostile, document.QuerySelectorAll(".result-label").Select(l => l.TextContent));
        }
    }

    [Fact]
    public void HostileTextShowsAsTextOnThanksAndMessagePages()
    {
        var thanks = Parse(Page("thanks"));
        Assert.Equal(HostileTitle, thanks.QuerySelector(".eyebrow")!.TextContent);
        Assert.Equal(Hostile[0], thanks.QuerySelector(".receipt code")!.TextContent);

        var message = Parse(Page("message-LimitReached"));
        Assert.Equal(HostileTitle, message.QuerySelector(".eyebrow")!.TextContent);
    }

    [Fact]
    public void ShareLinksCarryTheTitleOnlyUrlEncoded()
    {
        var document = Parse(Page("thanks"));
        var hrefs = document.QuerySelectorAll(".share-links a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Equal(5, hrefs.Count);
        Assert.All(hrefs, h => Assert.True(h.StartsWith("https://", StringComparison.Ordinal) || h.StartsWith("mailto:", StringComparison.Ordinal), h));
        Assert.All(hrefs, h => Assert.DoesNotContain("<", h));
        Assert.Contains(hrefs, h => h.Contains(Uri.EscapeDataString("https://vote.example/c/summer-poll"), StringComparison.Ordinal));
    }

    private static string? Meta(IDocument document, string property) =>
        document.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");
}
