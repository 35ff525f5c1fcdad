using System.Net;
using CampaignEngine.IntegrationTests.Infrastructure;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Pages;

public sealed class HomePageTests(HomePageTests.Fixture fixture) : IClassFixture<HomePageTests.Fixture>
{
    public sealed class Fixture : EngineFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["FanPages:HomeUrl"] = "https://brand.example/" };
    }

    [Fact]
    public async Task TheRootIsASmallPageWithTheReferenceAndTheBrandsHome()
    {
        using var browser = fixture.Host.CreateClient();

        var page = await browser.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["/docs", "https://brand.example/"], page.Document.QuerySelectorAll(".actions a").Select(a => a.GetAttribute("href")));
        AssertNoActiveContent(page.Document);
    }

    [Fact]
    public async Task TheRootSpeaksTheBrowsersLanguage()
    {
        using var browser = fixture.Host.CreateClient();

        var page = await browser.GetPageAsync("/", acceptLanguage: "de-DE,de;q=0.9");

        Assert.Equal("de", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("API-Referenz", page.Document.QuerySelector(".actions a.button")!.TextContent);
    }
}
