using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.UnitTests.Media;
using SkiaSharp;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Polls;

/// <summary>Logos and covers through the API into Blob Storage (Azurite's blob service) and onto the pages; share cards.</summary>
public sealed class BrandImageTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private Task<HttpResponseMessage> UploadAsync(string slug, string image, byte[] bytes, string contentType = "image/jpeg") =>
        PutImageAsync($"/api/campaigns/{slug}/brand/{image}", bytes, contentType);

    private async Task<HttpResponseMessage> PutImageAsync(string path, byte[] bytes, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await Host.Admin.PutAsync(path, content);
    }

    [Fact]
    public async Task AJpegWithGpsExifComesBackWithoutItAndIsServedForAYear()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("logo"));
        var upload = Exif.Splice(TestImages.Jpeg(1200, 800), Exif.App1(orientation: 6, gps: true));

        var response = await UploadAsync(poll.Slug, "logo", upload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logoUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("brand").GetProperty("logoUrl").GetString()!;
        using var fan = Host.CreateClient();
        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        var src = page.Document.QuerySelector("header.brand img")!.GetAttribute("src")!;
        Assert.Equal(new Uri(logoUrl).AbsolutePath, src);

        var served = await fan.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString().Replace(", ", ",").Replace(",", ", "));
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain((byte)0xE1, Exif.HeaderMarkers(bytes));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(BitConverter.GetBytes(Exif.LatitudeDegrees)));
        using var decoded = SKBitmap.Decode(bytes);
        // Orientation 6 (rotate 90°) applied, and scaled to the logo's 512 px edge.
        Assert.Equal((341, 512), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task ADecompressionBombAndNonImagesAreRefusedWithAClearMessage()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("bomb"));

        var bomb = await UploadAsync(poll.Slug, "cover", TestImages.PngHeaderOnly(50_000, 50_000), "image/png");
        var gif = await UploadAsync(poll.Slug, "cover", TestImages.Gif, "image/png");

        Assert.Contains("megapixels", (await Campaigns.CampaignApiTests.ValidationErrorsAsync(bomb))["cover"].Single());
        Assert.Contains("JPEG, PNG or WebP", (await Campaigns.CampaignApiTests.ValidationErrorsAsync(gif))["cover"].Single());
        var read = await Host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{poll.Slug}");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("brand").GetProperty("coverUrl").ValueKind);
    }

    [Fact]
    public async Task AnUploadOverTenMegabytesIs413()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("huge"));

        var response = await UploadAsync(poll.Slug, "cover", new byte[11 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ACoverCanBeRemovedAgain()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("cover"));
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(poll.Slug, "cover", TestImages.Png(1600, 900), "image/png")).StatusCode);
        using var fan = Host.CreateClient();
        Assert.NotNull((await fan.GetPageAsync($"/c/{poll.Slug}")).Document.QuerySelector("img.cover"));

        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.DeleteAsync($"/api/campaigns/{poll.Slug}/brand/cover")).StatusCode);

        Assert.Null((await fan.GetPageAsync($"/c/{poll.Slug}")).Document.QuerySelector("img.cover"));
    }

    [Fact]
    public async Task EachPollOptionCanCarryAnImage()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("optimg"));

        var uploaded = await PutImageAsync($"/api/campaigns/{poll.Slug}/images/options/van", TestImages.Jpeg(1600, 1200));
        var unknown = await PutImageAsync($"/api/campaigns/{poll.Slug}/images/options/lemon", TestImages.Jpeg(100, 100));

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("images").GetProperty("options/van").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var fan = Host.CreateClient();
        var page = await fan.GetPageAsync($"/c/{poll.Slug}");
        var img = page.Document.QuerySelector("label[for=option-2] img.option-image")!;
        Assert.Equal(new Uri(url).AbsolutePath, img.GetAttribute("src"));
        Assert.Null(page.Document.QuerySelector("label[for=option-1] img"));
        using var decoded = SKBitmap.Decode(await fan.GetByteArrayAsync(img.GetAttribute("src")));
        Assert.Equal((800, 600), (decoded.Width, decoded.Height));

        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.DeleteAsync($"/api/campaigns/{poll.Slug}/images/options/van")).StatusCode);
        Assert.Null((await fan.GetPageAsync($"/c/{poll.Slug}")).Document.QuerySelector("img.option-image"));
    }

    [Fact]
    public async Task PagesPreviewAsTheirShareCardAndTheCardIsA1200By630Png()
    {
        var poll = await Host.CreateCampaignAsync(new PollBuilder().UniqueSlug("card").With("brand", new { accentColor = "#b3261e" }));
        await UploadAsync(poll.Slug, "logo", TestImages.Png(300, 300), "image/png");
        using var fan = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await fan.PostAsJsonAsync($"/c/{poll.Slug}/votes", new { optionId = "choc" })).StatusCode);
        await Host.WaitForTotalAsync(poll.Slug, 1);
        using var stranger = Host.CreateClient();

        var page = await stranger.GetPageAsync($"/c/{poll.Slug}");
        var results = await stranger.GetPageAsync($"/c/{poll.Slug}/results");

        Assert.Equal("summary_large_image", page.Document.Meta("twitter:card"));
        Assert.EndsWith($"/c/{poll.Slug}/card.png", page.Document.Meta("og:image"));
        Assert.EndsWith($"/c/{poll.Slug}/results/card.png", results.Document.Meta("og:image"));
        foreach (var url in new[] { page.Document.Meta("og:image")!, results.Document.Meta("og:image")! })
        {
            var card = await stranger.GetAsync(url);
            Assert.Equal("image/png", card.Content.Headers.ContentType?.MediaType);
            var png = await card.Content.ReadAsByteArrayAsync();
            using var decoded = SKBitmap.Decode(png);
            Assert.Equal((1200, 630), (decoded.Width, decoded.Height));
            var artifacts = Path.Combine(RepoPaths.Root, "TestResults", "sharecards");
            Directory.CreateDirectory(artifacts);
            await File.WriteAllBytesAsync(Path.Combine(artifacts, $"http-{(url.Contains("/results/") ? "results" : "page")}.png"), png);
        }
    }
}
