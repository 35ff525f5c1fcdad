using CampaignEngine.Api;

namespace CampaignEngine.UnitTests.Api;

public sealed class ErrorFormatsTests
{
    private const string Chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private const string ChromeImage = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

    [Theory]
    [InlineData("/c/poll", "GET", null, Chrome)]
    [InlineData("/c/poll/results", "GET", null, "text/html")]
    [InlineData("/", "GET", null, Chrome)]
    [InlineData("/", "POST", null, "text/html")]
    [InlineData("/c/poll/votes", "POST", "application/x-www-form-urlencoded", null)]
    [InlineData("/c/poll/votes", "POST", "multipart/form-data; boundary=x", "*/*")]
    [InlineData("/c/poll/votes", "POST", "text/plain", "text/html")]
    [InlineData("/C/Poll", "HEAD", null, "TEXT/HTML")]
    public void BrowsersOnFanRoutesGetThePage(string path, string method, string? contentType, string? accept) =>
        Assert.Equal(ErrorFormat.FanPage, ErrorFormats.Choose(path, method, contentType, accept));

    [Theory]
    [InlineData("/c/poll/votes", "POST", "application/json", null)]
    [InlineData("/c/poll/votes", "POST", "application/json; charset=utf-8", "text/html")] // a script sending JSON wants JSON
    [InlineData("/c/poll", "GET", null, null)]
    [InlineData("/c/poll", "GET", null, "*/*")]
    [InlineData("/c/poll/qr.png", "GET", null, ChromeImage)]
    [InlineData("/healthz", "GET", null, "application/json")]
    [InlineData("/docs", "GET", null, "application/problem+json")]
    [InlineData("/openapi/v1.json", "GET", null, "application/*")]
    [InlineData("/anything", "GET", null, "application/vnd.example+json")]
    [InlineData("/anything", "GET", null, "text/plain, application/json;q=0.1")]
    [InlineData("/anything", "GET", null, "")]
    [InlineData("/anything", "GET", null, "   ")]
    public void JsonClientsAndClientsThatTakeAnythingGetProblemDetails(string path, string method, string? contentType, string? accept) =>
        Assert.Equal(ErrorFormat.ProblemJson, ErrorFormats.Choose(path, method, contentType, accept));

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/plain")]
    [InlineData("image/png")]
    [InlineData("application/xml")]
    [InlineData("garbage")]
    [InlineData("\u0001;;;,,,")]
    [InlineData("application/json;q=0")]
    public void TheApiAnswersJsonWhateverItIsAskedFor(string accept)
    {
        Assert.Equal(ErrorFormat.ProblemJson, ErrorFormats.Choose("/api/campaigns", "POST", "application/json", accept));
        Assert.Equal(ErrorFormat.ProblemJson, ErrorFormats.Choose("/api", "GET", null, accept));
    }

    [Theory]
    [InlineData("/healthz", "text/html")]
    [InlineData("/docs", "text/html")]
    [InlineData("/c/poll/qr.png", "image/png")]
    [InlineData("/c/poll", "text/plain")]
    [InlineData("/nothing-here", "garbage")]
    [InlineData("/nothing-here", "application/json;q=0")]
    [InlineData("/apis", "text/plain")] // not under /api
    public void ClientsThatTakeNeitherGetPlainText(string path, string accept) =>
        Assert.Equal(ErrorFormat.PlainText, ErrorFormats.Choose(path, "GET", null, accept));
}
