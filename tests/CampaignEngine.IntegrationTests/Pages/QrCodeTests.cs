using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Pages;

public sealed class QrCodeTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task ThePngQrCodeScansToThePollsAddress()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("qr"));
        using var fan = Host.CreateClient();

        var response = await fan.GetAsync($"/c/{poll.Slug}/qr.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var file = Path.Combine(Path.GetTempPath(), $"qr-{Guid.NewGuid():N}.png");
        try
        {
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(new Uri(Host.BaseAddress, $"/c/{poll.Slug}").ToString(), await ScanAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheSvgQrCodeIsWellFormedSvg()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("svg"));
        using var fan = Host.CreateClient();

        var response = await fan.GetAsync($"/c/{poll.Slug}/qr.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Root!.Name);
        Assert.NotNull(svg.Root.Attribute("viewBox"));
        Assert.NotEmpty(svg.Root.Descendants());
    }

    [Fact]
    public async Task DraftsAndUnknownCampaignsHaveNoQrCode()
    {
        var draft = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("qr-draft"), publish: false);
        using var fan = Host.CreateClient();

        foreach (var path in new[] { $"/c/{draft.Slug}/qr.png", $"/c/{draft.Slug}/qr.svg", "/c/nobody-here/qr.png" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await fan.GetAsync(path)).StatusCode);
        }
    }

    private static async Task<string> ScanAsync(string file)
    {
        var start = new ProcessStartInfo("/usr/bin/zbarimg", ["--raw", "-q", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var zbar = Process.Start(start)!;
        var output = await zbar.StandardOutput.ReadToEndAsync();
        await zbar.WaitForExitAsync();
        Assert.True(zbar.ExitCode == 0, $"zbarimg exited with {zbar.ExitCode}: {await zbar.StandardError.ReadToEndAsync()}");
        return output.TrimEnd('\n', '\r');
    }
}
