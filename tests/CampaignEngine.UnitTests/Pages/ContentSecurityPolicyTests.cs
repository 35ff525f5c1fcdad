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
    public void TemplatesHaveNoScriptsOrInlineStyles()
    {
        foreach (var name in PageTemplates.Names)
        {
            var source = PageTemplates.Source(name);
            Assert.DoesNotContain("<script", source, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", source, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(new Regex(@"\son[a-z]+=", RegexOptions.IgnoreCase), source);
        }
    }
}
