using CampaignEngine.Offers;

namespace CampaignEngine.UnitTests.Offers;

public sealed class OfferMessageTests
{
    private static readonly OfferValues Values = new("CODE-1", "<script>alert(1)</script>", "Summer <b>poll</b>", "31 May", "Brand & Co");

    [Fact]
    public void TheMessageIsTextAndItsHtmlPartEncodesEverythingTheMarketerOrAFanWrote()
    {
        var text = OfferMessage.Text("<i>Hi</i> {{ name }},\nyour code is {{ code }}.\n\nFrom {{ brand }} ({{ campaign }}), until {{ expires }}", Values);
        var html = OfferMessage.Html(text).Value;

        Assert.Equal("<i>Hi</i> <script>alert(1)</script>,\nyour code is CODE-1.\n\nFrom Brand & Co (Summer <b>poll</b>), until 31 May", text);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<i>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("Brand &amp; Co", html);
        Assert.Equal(2, html.Split("<p>").Length - 1);
        Assert.Contains("<br>", html);
    }

    [Theory]
    [InlineData("Your code: {{ cod }}", "cannot be rendered")]
    [InlineData("{{ if code }}Your code", "not a valid template")]
    [InlineData("{{ include 'x' }}", "cannot be rendered")]
    public void AMessageThatCannotBeRenderedIsAProblemWhenSaved(string message, string why) =>
        Assert.Contains(why, OfferMessage.Problem(message));

    [Fact]
    public void AMessageUsingTheKnownVariablesPasses() =>
        Assert.Null(OfferMessage.Problem("Hi {{ name }}, {{ code }} for {{ campaign }} by {{ brand }}, until {{ expires }}."));
}
