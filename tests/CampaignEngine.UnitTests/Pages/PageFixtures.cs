using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using CampaignEngine.Polls;
using CampaignEngine.UnitTests.Kinds;

namespace CampaignEngine.UnitTests.Pages;

/// <summary>Campaigns, results and a page renderer for tests that need no HTTP.</summary>
internal static class PageFixtures
{
    public static readonly string[] Hostile =
    [
        "<script>alert(1)</script>",
        "\" onmouseover=\"x",
        "' autofocus onfocus='x",
        "javascript:alert(1)",
    ];

    /// <summary>The shell with the kinds the engine ships, so poll pages read the poll's strings.</summary>
    public static FanPageViews Views { get; } = new(new PageTemplates(), new PageStrings(() => TestKinds.All.All),
        new CampaignEngine.FairPlay.Captcha.CaptchaKeys(Microsoft.Extensions.Options.Options.Create(new CampaignEngine.FairPlay.Captcha.CaptchaOptions())));

    public static PollPages PollViews { get; } = new(Views);

    public static FanLinks Links(string slug = "summer-poll") =>
        new(new CampaignLinks($"https://vote.example/c/{slug}", $"https://vote.example/c/{slug}/results",
            $"https://vote.example/c/{slug}/qr.png", $"https://vote.example/c/{slug}/qr.svg",
            $"https://vote.example/c/{slug}/card.png", $"https://vote.example/c/{slug}/results/card.png"));

    public static Campaign Poll(
        string title = "Which flavour next?",
        string? description = "Pick the one you want in stores.",
        string[]? labels = null,
        ContactMode contact = ContactMode.Off,
        string consentText = "Send me offers from Test Brand.",
        string locale = "en",
        CampaignStatus status = CampaignStatus.Live) => new()
        {
            Slug = "summer-poll",
            Title = title,
            Description = description,
            Locale = locale,
            Status = status,
            Kind = "poll",
            Settings = new PollSettings { Options = (labels ?? ["Chocolate", "Vanilla", "Strawberry"]).Select((l, i) => new PollOption($"o{i + 1}", l)).ToList() },
            Contact = new ContactSettings(contact, contact == ContactMode.Off ? null : consentText),
            StartsAt = status == CampaignStatus.Live ? null : DateTimeOffset.Parse("2030-06-01T12:00:00Z"),
            CreatedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z"),
        };

    /// <summary>A campaign whose every fan-visible text is hostile.</summary>
    public static Campaign HostilePoll(ContactMode contact = ContactMode.Optional, string locale = "en") =>
        Poll(string.Join(" ", Hostile), string.Join("\n", Hostile), Hostile, contact, string.Join(" ", Hostile), locale);

    public static PollResults ResultsOf(Campaign campaign, params long[] votes)
    {
        var options = campaign.SettingsAs<PollSettings>().Options;
        var counts = options.Select((o, i) => i < votes.Length ? votes[i] : 0).ToList();
        var total = counts.Sum();
        return new PollResults(campaign.Slug, total,
            options.Select((o, i) => new OptionResult(o.Id, o.Label, counts[i], PollTally.Percent(counts[i], total))).ToList(),
            DateTimeOffset.Parse("2026-05-04T13:45:00Z"));
    }

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
