using CampaignEngine.Pages.Rendering;

namespace CampaignEngine.UnitTests.Pages;

public sealed class RenderedPagesTests
{
    [Fact]
    public void ThePageIsRenderedOncePerInstanceOfItsInputs()
    {
        var pages = new RenderedPages();
        var (campaign, results) = (new object(), new object());
        var renders = 0;
        string Render() => $"page {++renders}";

        Assert.Equal("page 1", pages.GetOrRender("k", campaign, results, Render));
        Assert.Equal("page 1", pages.GetOrRender("k", campaign, results, Render));
        Assert.Equal("page 2", pages.GetOrRender("k", campaign, new object(), Render));
        Assert.Equal("page 3", pages.GetOrRender("k", new object(), null, Render));
        Assert.Equal("page 4", pages.GetOrRender("other", campaign, results, Render));
        Assert.Equal(4, renders);
    }

    [Fact]
    public void ANewGenerationRendersThePageAgainSoItsFormTokenIsFresh()
    {
        var pages = new RenderedPages();
        var campaign = new object();
        var renders = 0;
        string Render() => $"page {++renders}";

        Assert.Equal("page 1", pages.GetOrRender("k", campaign, null, Render, generation: 7));
        Assert.Equal("page 1", pages.GetOrRender("k", campaign, null, Render, generation: 7));
        Assert.Equal("page 2", pages.GetOrRender("k", campaign, null, Render, generation: 8));
    }
}
