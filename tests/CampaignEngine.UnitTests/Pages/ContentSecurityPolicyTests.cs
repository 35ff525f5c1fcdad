using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages;
using CampaignEngine.Pages.Rendering;
using static CampaignEngine.UnitTests.Pages.PageFixtures;

namespace CampaignEngine.UnitTests.Pages;

public sealed class ContentSecurityPolicyTests
{
    [Fact]
    public void ThePolicyAllowsExactlyTheStylesheetTheLayoutRenders()
    {
        var document = Parse(PollViews.Campaign(Poll(locale: "he"), Availability.Open, Links(), null));
        var css = document.QuerySelector("style")!.TextContent;
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));

        Assert.Contains($"style-src '{hash}'", HtmlPage.ContentSecurityPolicy);
        Assert.Contains("default-src 'none'", HtmlPage.ContentSecurityPolicy);
        Assert.Contains("frame-ancestors 'none'", HtmlPage.ContentSecurityPolicy);
        Assert.DoesNotContain("script-src", HtmlPage.ContentSecurityPolicy);
    }

    [Fact]
    public void TemplatesQuoteEveryAttributeThatHoldsAnExpression()
    {
        // Escaping assumes quoted attributes: an unquoted value could end at a space.
        foreach (var name in PageTemplates.Names)
        {
            Assert.DoesNotMatch(new Regex(@"=\{\{"), PageTemplates.Source(name));
        }
    }

    [Fact]
    public void OnlyResultsPagesMayRunTheLayoutsOneStaticScript()
    {
        var layout = PageTemplates.Source("layout");
        Assert.Single(Regex.Matches(layout, "<script>"));
        Assert.Contains($"script-src '{HtmlPage.ScriptHash(layout)}'", HtmlPage.LiveContentSecurityPolicy);
        Assert.Contains("connect-src 'self'", HtmlPage.LiveContentSecurityPolicy);
        Assert.DoesNotContain("unsafe", HtmlPage.LiveContentSecurityPolicy);
        Assert.Contains("script-src", FanPolicy.For(null, ["https://shop.example"], live: true));
        Assert.DoesNotContain("script-src", FanPolicy.For(null, ["https://shop.example"]));
    }

    [Fact]
    public void TemplatesHaveNoScriptsOrInlineStyles()
    {
        foreach (var name in PageTemplates.Names)
        {
            var source = PageTemplates.Source(name);
            if (name != "layout") Assert.DoesNotContain("<script", source, StringComparison.OrdinalIgnoreCase);
            // Mail is read in mail clients, which honour inline styles only; no page CSP applies there.
            if (!PageTemplates.IsMail(name)) Assert.DoesNotContain(" style=", source, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(new Regex(@"\son[a-z]+=", RegexOptions.IgnoreCase), source);
        }
    }
}
