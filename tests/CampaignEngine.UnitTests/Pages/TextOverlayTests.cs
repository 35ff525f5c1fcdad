using CampaignEngine.Pages.Localization;
using CampaignEngine.Pages.Rendering;
using CampaignEngine.Pages.Views;
using Scriban;
using Scriban.Runtime;

namespace CampaignEngine.UnitTests.Pages;

public sealed class TextOverlayTests
{
    /// <summary>A poll's locale: the poll's strings over the core's.</summary>
    private static PageLocale Poll(string locale) => PageFixtures.Views.Strings.ForKind("poll", locale);

    [Fact]
    public void OverridesWinAndEverythingElseComesFromTheLocale()
    {
        var polish = Poll("pl");
        var branded = polish.WithOverrides(new Dictionary<string, string> { ["vote_button"] = "Wchodzę w to" });

        Assert.Equal("Wchodzę w to", branded["vote_button"]);
        Assert.Equal(polish["thanks_title"], branded["thanks_title"]);
        Assert.Equal(polish.Strings.Count, branded.Strings.Count);
        Assert.Equal("Głosuj", polish["vote_button"]);
        Assert.Equal(polish.Code, branded.Code);
        Assert.Equal(polish.OpenGraphLocale, branded.OpenGraphLocale);
    }

    [Fact]
    public void PluralOverridesArePickedPerCategory()
    {
        var branded = Poll("pl").WithOverrides(new Dictionary<string, string> { ["votes_few"] = "{0} głosy fanów" });

        Assert.Equal("3 głosy fanów", branded.Count("votes", 3));
        Assert.Equal("5 głosów", branded.Count("votes", 5));
    }

    [Fact]
    public void TheSlovenianDualCanBeOverridden()
    {
        var branded = Poll("sl").WithOverrides(new Dictionary<string, string> { ["votes_two"] = "{0} glasova navijačev" });

        Assert.Equal("2 glasova navijačev", branded.Count("votes", 2));
        Assert.Equal("102 glasova navijačev", branded.Count("votes", 102));
        Assert.Equal("3 glasovi", branded.Count("votes", 3));
    }

    [Fact]
    public void UnusableOverridesAreIgnoredNotRendered()
    {
        var english = Poll("en");
        var branded = english.WithOverrides(new Dictionary<string, string>
        {
            ["share_text"] = "Vote {1}",
            ["no_such_key"] = "x",
            ["vote_button"] = "",
        });

        Assert.Same(english, branded);
        Assert.Equal("Vote in this poll: Ice", branded.Format("share_text", "Ice"));
    }

    [Fact]
    public void ACampaignsLocaleComesWithItsOverrides()
    {
        var branded = PageFixtures.Views.Strings.For(PageFixtures.Poll(locale: "es") with { Texts = new Dictionary<string, string> { ["go_vote"] = "¡Vota ya!" } });

        Assert.Equal(("es", "¡Vota ya!", "Votar"), (branded.Code, branded["go_vote"], branded["vote_button"]));
    }

    [Fact]
    public void NoOverridesReturnTheSharedLocale()
    {
        var english = Poll("en");
        Assert.Same(english, english.WithOverrides(null));
        Assert.Same(english, english.WithOverrides(new Dictionary<string, string>()));
    }

    [Fact]
    public void TemplatesReadTheOverlay()
    {
        var branded = Poll("de").WithOverrides(new Dictionary<string, string> { ["vote_button"] = "Ich bin dabei" });
        // The way PageTemplates hands "t" to every template.
        var globals = new ScriptObject();
        globals.SetValue("t", branded.Strings, readOnly: true);
        var context = new HtmlTemplateContext();
        context.PushGlobal(globals);

        Assert.Equal("Ich bin dabei|Danke für deine Stimme!", Template.Parse("{{ t.vote_button }}|{{ t.thanks_title }}").Render(context));
    }

    [Fact]
    public void APageTemplateRendersTheOverriddenText()
    {
        var branded = Poll("fr").WithOverrides(new Dictionary<string, string> { ["thanks_title"] = "Merci, vous êtes génial\u202F!" });

        var html = new PageTemplates().Render("thanks", new Dictionary<string, object?>
        {
            ["campaign"] = new CampaignView("Sondage", null),
            ["receipt"] = null,
            ["extras"] = Array.Empty<RawHtml>(),
            ["message"] = null,
            ["links"] = new LinksView("/c/s", "/c/s/results", "/c/s/qr.svg"),
            ["share_links"] = new RawHtml(""),
            ["t"] = branded.Strings,
        });

        var document = PageFixtures.Parse(html.Value);
        Assert.Equal("Merci, vous êtes génial\u202F!", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Voir les résultats", document.QuerySelector("a.button")!.TextContent);
    }

    [Fact]
    public void TheOverlayIsReadOnlyAndEnumeratesEachKeyOnce()
    {
        var branded = Poll("en").WithOverrides(new Dictionary<string, string> { ["vote_button"] = "Go" });
        var asDictionary = Assert.IsAssignableFrom<IDictionary<string, string>>(branded.Strings);

        Assert.True(asDictionary.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => asDictionary["vote_button"] = "x");
        Assert.Equal(branded.Strings.Count, branded.Strings.Select(p => p.Key).Distinct().Count());
        Assert.Equal("Go", branded.Strings.Single(p => p.Key == "vote_button").Value);
    }
}
