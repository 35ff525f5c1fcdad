using AngleSharp.Dom;
using CampaignEngine.Campaigns;
using CampaignEngine.Pages.Rendering;
using CsCheck;
using Scriban;
using Scriban.Runtime;
using static CampaignEngine.UnitTests.Pages.PageFixtures;

namespace CampaignEngine.UnitTests.Pages;

/// <summary>
/// For any string, what the browser parses back from a rendered page is that string, as text or as
/// an attribute value, and the document has exactly the elements and attributes the template wrote.
/// </summary>
public sealed class EscapingPropertyTests
{
    private static readonly Template Probe = Template.Parse(
        "<div id=\"a\" title=\"{{ v }}\">{{ v }}</div><div id=\"b\" title='{{ v }}'>{{ v }}</div><span id=\"c\">x{{ v }}y</span>");

    /// <summary>Arbitrary UTF-16 (lone surrogates and NUL included), markup characters and attack fragments, mixed.</summary>
    private static readonly Gen<string> Hostile = Gen.Frequency(
            (4, Gen.Char.Array[0, 6].Select(c => new string(c))),
            (3, Gen.Char["<>\"'&"].Array[1, 4].Select(c => new string(c))),
            (2, Gen.OneOf("<script>", "</script>", "javascript:", "<!--", "-->", "]]>", "<![CDATA[", "&amp;", "&#x3C;", "&lt", "{{ v }}",
                "\" onmouseover=\"x", "' autofocus onfocus='x", "</div>", "<img src=x onerror=alert(1)>", "\r\n", "\r", "\0", "\t", "\u2028")),
            (2, Gen.Char['\u0590', '\u06FF'].Array[1, 5].Select(c => new string(c))),
            (1, Gen.Int[0x1F300, 0x1FAFF].Select(char.ConvertFromUtf32)))
        .Array[0, 12]
        .Select(parts => string.Concat(parts));

    [Fact]
    public void AnyStringRoundTripsAsTextAndAsAttributeValue() => Hostile.Sample(value =>
    {
        var context = new HtmlTemplateContext();
        context.PushGlobal(new ScriptObject { ["v"] = value });
        var document = Parse("<!doctype html><body>" + Probe.Render(context));
        var expected = HtmlText.Expected(value);

        Assert.Equal(["DIV", "DIV", "SPAN"], document.Body!.Children.Select(e => e.TagName));
        foreach (var id in new[] { "a", "b" })
        {
            var div = document.GetElementById(id)!;
            Assert.Equal(["id", "title"], div.Attributes.Select(a => a.Name));
            Assert.Equal(expected, div.GetAttribute("title"));
            Assert.Equal(expected, div.TextContent);
            Assert.Empty(div.Children);
        }
        Assert.Equal("x" + expected + "y", document.GetElementById("c")!.TextContent);
    }, iter: 2000);

    [Fact]
    public void AnyTitleAndLabelRoundTripThroughThePollPage() => Gen.Select(Hostile, Hostile).Sample((title, label) =>
    {
        // Titles and labels are trimmed and non-empty in real campaigns; the page must cope regardless.
        var poll = Poll(title: "T" + title, labels: ["L" + label, "other"], contact: ContactMode.Optional, consentText: "C" + label);
        var document = Parse(PollViews.Campaign(poll, Availability.Open, Links(), null));

        Assert.Equal(HtmlText.Expected("T" + title), document.QuerySelector("h1")!.TextContent);
        Assert.Equal(HtmlText.Expected("T" + title), document.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal(HtmlText.Expected("L" + label), document.QuerySelector("label[for=option-1]")!.TextContent);
        Assert.EndsWith(HtmlText.Expected("C" + label), document.QuerySelector("label[for=consent]")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Equal(2, document.QuerySelectorAll("input[type=radio]").Length);
        Assert.DoesNotContain(document.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
    }, iter: 300);
}
