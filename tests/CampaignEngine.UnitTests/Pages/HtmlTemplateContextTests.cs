using CampaignEngine.Pages.Rendering;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CampaignEngine.UnitTests.Pages;

public sealed class HtmlTemplateContextTests
{
    private static string Render(string template, object? value)
    {
        var globals = new ScriptObject { ["v"] = value };
        var context = new HtmlTemplateContext();
        context.PushGlobal(globals);
        return Template.Parse(template).Render(context);
    }

    [Fact]
    public void ExpressionOutputIsEncoded() =>
        Assert.Equal("<p>&lt;b&gt;&amp;&quot;&#39;</p>", Render("<p>{{ v }}</p>", "<b>&\"'"));

    [Fact]
    public void TemplateTextIsWrittenAsIs() =>
        Assert.Equal("<p class=\"x\">&amp; <b>bold</b></p>", Render("<p class=\"x\">&amp; <b>bold</b></p>", null));

    [Fact]
    public void StringLiteralsAndFunctionResultsAreEncodedToo()
    {
        Assert.Equal("&lt;I&gt;", Render("{{ '<i>' | string.upcase }}", null));
        Assert.Equal("&lt;script&gt;", Render("{{ \"<script>\" }}", null));
        Assert.Equal("&lt;B&gt;", Render("{{ v | string.upcase }}", "<b>"));
    }

    [Fact]
    public void RawHtmlFromCSharpIsNotEncoded() =>
        Assert.Equal("<div><b>ok</b></div>", Render("<div>{{ v }}</div>", new RawHtml("<b>ok</b>")));

    [Fact]
    public void CapturedOutputIsEncodedAgainWhenPrinted() =>
        // A template cannot launder markup through a capture: it comes out as text.
        Assert.Equal("&lt;i&gt;x&lt;/i&gt;", Render("{{ capture c }}<i>x</i>{{ end }}{{ c }}", null));

    [Fact]
    public void NumbersAndNullsPrintPlainly()
    {
        Assert.Equal("42", Render("{{ v }}", 42));
        Assert.Equal("[]", Render("[{{ v }}]", null));
    }

    [Fact]
    public void RunawayLoopsAreStopped() =>
        Assert.Throws<ScriptRuntimeException>(() => Render("{{ for i in 1..100000 }}x{{ end }}", null));

    [Fact]
    public void RunawayRecursionIsStopped() =>
        Assert.Throws<ScriptRuntimeException>(() => Render("{{ func f(x); ret f(x); end; f(1) }}", null));

    [Fact]
    public void ACancelledRenderIsAborted()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<ScriptAbortException>(() => new PageTemplates().Render("share-links",
            new Dictionary<string, object?> { ["share"] = null, ["t"] = null }, cancelled.Token));
    }

    [Fact]
    public void TemplatesCannotIncludeOtherTemplates() =>
        Assert.ThrowsAny<Exception>(() => Render("{{ include 'layout' }}", null));

    [Fact]
    public void UnknownVariablesAreAnError() =>
        Assert.Throws<ScriptRuntimeException>(() => Render("{{ nope }}", null));
}
