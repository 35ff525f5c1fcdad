using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Contests;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;
using CampaignEngine.UnitTests.Media;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static CampaignEngine.IntegrationTests.Contests.Contests;
using static CampaignEngine.IntegrationTests.Pages.Html;

namespace CampaignEngine.IntegrationTests.Contests;

/// <summary>
/// Photo entries through the real engine: the upload in Azurite's blob service before the fan is answered, re-encoded by
/// the queue function, served only for entries in the gallery; bad files refused with nothing stored.
/// </summary>
public sealed class PhotoEntryTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private EngineHost Host => fixture.Host;

    private SubmissionUploads Uploads => Host.Services.GetRequiredService<SubmissionUploads>();

    private EntryImageFunction Images => Host.Services.GetServices<IQueueFunction>().OfType<EntryImageFunction>().Single();

    private static MultipartFormDataContent Form(string title, byte[]? photo, string fileName = "donut.jpg")
    {
        var form = new MultipartFormDataContent { { new StringContent(title), "title" } };
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "photo", fileName);
        }
        return form;
    }

    private async Task<JsonElement> WaitForPhotoAsync(string slug, string state = PhotoState.Ready) =>
        await Eventually.ReturnsAsync(async () => (await EntriesAsync(Host, slug)).EnumerateArray().SingleOrDefault(),
            entry => entry.ValueKind == JsonValueKind.Object && entry.GetProperty("photo").GetProperty("state").GetString() == state,
            because: $"the photo of the entry in {slug} {state}");

    [Fact]
    public async Task APhotoFromAFormIsReencodedWithoutItsGpsAndServedOnceTheEntryIsApproved()
    {
        var slug = await CreateAsync(Host, "costumes", new { entryType = "photo", moderation = "pre" });
        var upload = Exif.Splice(TestImages.Jpeg(1200, 800), Exif.App1(orientation: 6, gps: true));
        using var fan = Host.CreateClient();

        using var sent = await fan.PostAsync($"/c/{slug}/entries", Form("Pumpkin knight", upload));

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var receipt = Uri.UnescapeDataString(sent.Headers.Location!.OriginalString.Split("receipt=")[1]);
        var entry = await WaitForPhotoAsync(slug);
        var id = entry.GetProperty("id").GetString()!;
        Assert.Equal(EntryKeys.IdOf(receipt), id);
        Assert.Equal(0, await Uploads.CountAsync(slug, CancellationToken.None));
        var photo = entry.GetProperty("photo");
        Assert.Equal((800, 1200), (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));

        // Every rendition: upright, no EXIF segment, none of the GPS bytes; the thumbnail within 480 px; WebP where named.
        foreach (var (name, type, size) in new[]
                 {
                     ("display", "image/jpeg", (800, 1200)), ("displayWebP", "image/webp", (800, 1200)),
                     ("thumbnail", "image/jpeg", (320, 480)), ("thumbnailWebP", "image/webp", (320, 480)),
                 })
        {
            using var served = await Host.Admin.GetAsync(photo.GetProperty(name).GetString());
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(type, served.Content.Headers.ContentType?.MediaType);
            var bytes = await served.Content.ReadAsByteArrayAsync();
            if (type == "image/jpeg") Assert.DoesNotContain((byte)0xE1, Exif.HeaderMarkers(bytes));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(BitConverter.GetBytes(Exif.LatitudeDegrees)));
            using var decoded = SKBitmap.Decode(bytes);
            Assert.Equal(size, (decoded.Width, decoded.Height));
        }

        // Not approved yet: not on the fan's route, whatever its name.
        var thumbnailFile = photo.GetProperty("thumbnail").GetString()!.Split('/')[^1];
        var fanUrl = $"/c/{slug}/entries/{id}/photo/{thumbnailFile}";
        Assert.Equal(HttpStatusCode.NotFound, (await fan.GetAsync(fanUrl)).StatusCode);

        await ModerateAsync(Host, slug, "approve", [id]);
        var gallery = await Eventually.ReturnsAsync(() => fan.GetPageAsync($"/c/{slug}/gallery"),
            page => page.Document.QuerySelector($"#entry-{id} picture img") is not null, because: "the approved photo in the gallery");
        var img = gallery.Document.QuerySelector($"#entry-{id} picture img")!;
        Assert.Equal(fanUrl, img.GetAttribute("src"));
        Assert.Equal(("320", "480"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.EndsWith(".webp", gallery.Document.QuerySelector($"#entry-{id} picture source[type='image/webp']")!.GetAttribute("srcset"));
        using var thumbnail = await fan.GetAsync(fanUrl);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", thumbnail.Headers.CacheControl?.ToString().Replace(", ", ",").Replace(",", ", "));

        var page = await fan.GetPageAsync($"/c/{slug}/entries/{id}");
        var large = page.Document.QuerySelector("p.photo picture img")!;
        Assert.Equal(("Pumpkin knight", "800", "1200"), (large.GetAttribute("alt"), large.GetAttribute("width"), large.GetAttribute("height")));
        Assert.Equal(HttpStatusCode.OK, (await fan.GetAsync(large.GetAttribute("src"))).StatusCode);

        // Shared, the entry's page shows its own card: 1200×630, the photo on it (the card is not the contest's).
        var cardUrl = new Uri(page.Document.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!);
        Assert.Equal($"/c/{slug}/entries/{id}/card.png", cardUrl.AbsolutePath);
        using var card = await fan.GetAsync(cardUrl.AbsolutePath);
        Assert.Equal("image/png", card.Content.Headers.ContentType?.MediaType);
        var cardBytes = await card.Content.ReadAsByteArrayAsync();
        using (var decodedCard = SKBitmap.Decode(cardBytes)) Assert.Equal((1200, 630), (decodedCard.Width, decodedCard.Height));
        var contestCard = await (await fan.GetAsync($"/c/{slug}/card.png")).Content.ReadAsByteArrayAsync();
        Assert.NotEqual(contestCard, cardBytes);
        Assert.Equal(HttpStatusCode.NotFound, (await fan.GetAsync($"/c/{slug}/entries/0123456789abcdef/card.png")).StatusCode);

        // A redelivered job finds the upload gone and the entry ready: nothing changes.
        var job = new QueueInvocation(JsonSerializer.Serialize(new Batch<EntryImageJob>([new EntryImageJob(slug, id, receipt)]), MessageJson.Options),
            "m1", 2, DateTimeOffset.UtcNow);
        var processed = Images.Processed;
        await Images.RunAsync(job, CancellationToken.None);
        Assert.Equal(processed, Images.Processed);
        var again = (await EntriesAsync(Host, slug, "approved")).EnumerateArray().Single().GetProperty("photo");
        Assert.Equal(photo.GetProperty("display").GetString(), again.GetProperty("display").GetString());
        Assert.Equal(PhotoState.Ready, again.GetProperty("state").GetString());
    }

    /// <summary>The start of an iPhone's HEIC file: an ISO-BMFF <c>ftyp</c> box of brand <c>heic</c>, then padding.</summary>
    private static readonly byte[] Heic = [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[4096]];

    [Fact]
    public async Task BadFilesAreRefusedWithAClearMessageAndNothingIsStored()
    {
        var slug = await CreateAsync(Host, "badphotos", new { entryType = "photo", moderation = "post" });
        var jpeg = TestImages.Jpeg(640, 480);
        var tooLarge = new byte[10 * 1024 * 1024 + 1];
        jpeg.CopyTo(tooLarge, 0);
        var cases = new (string Name, byte[]? Photo, string Message)[]
        {
            ("missing", null, "Add a photo"),
            ("too large", tooLarge, "at most 10 MB"),
            ("bomb", TestImages.PngHeaderOnly(50_000, 50_000), "at most 40 megapixels"),
            ("cut short", jpeg[..(jpeg.Length / 2)], "damaged or incomplete"),
            ("a gif", TestImages.Gif, "JPEG, PNG or WebP"),
            // SkiaSharp's Linux build reads no HEIF; Apple's browsers send a JPEG from the form instead (see architecture.md).
            ("a heic", Heic, "JPEG, PNG or WebP"),
        };
        foreach (var (name, photo, message) in cases)
        {
            using var fan = Host.CreateClient();
            using var answer = await fan.PostAsJsonAsync($"/c/{slug}/entries",
                new { title = "Refused " + name, photo = photo is null ? null : Convert.ToBase64String(photo) });
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{name}: {answer.StatusCode}");
            var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Contains(message, errors.GetProperty("photo")[0].GetString());
        }

        // The form gets the fan's page back, the message by the file field, in the contest's language.
        using var formFan = Host.CreateClient();
        using var form = await formFan.PostAsync($"/c/{slug}/entries", Form("Cut short", jpeg[..(jpeg.Length / 2)]));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync());
        Assert.Contains("damaged or incomplete", page.QuerySelector("#photo-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#photo")!.GetAttribute("aria-invalid"));
        Assert.Equal("multipart/form-data", page.QuerySelector("form[action$='/entries']")!.GetAttribute("enctype"));

        Assert.Equal(0, await Uploads.CountAsync(slug, CancellationToken.None));
        Assert.Equal(0, (await Host.GetResultsAsync(slug)).GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task AnEngineWithoutBlobStorageRefusesAPhotoContestWhenItIsSetUpAndTakesATextOne()
    {
        var withoutBlob = string.Join(';', (await AzuriteServer.SharedAsync()).ConnectionString.Split(';')
            .Where(p => !p.StartsWith("BlobEndpoint=", StringComparison.Ordinal)));
        await using var host = await EngineHost.StartAsync(new Dictionary<string, string?> { ["CampaignStorage"] = withoutBlob });

        foreach (var entryType in new[] { "photo", "both" })
        {
            using var refused = await host.Admin.PostAsJsonAsync("/api/campaigns", new
            {
                kind = "contest", slug = $"noblob-{entryType}", title = "Costumes", contest = new { entryType },
            });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("blob storage", problem.GetProperty("errors").GetProperty("contest.entryType")[0].GetString());
        }
        using var text = await host.Admin.PostAsJsonAsync("/api/campaigns", new { kind = "contest", slug = "noblob-text", title = "Ideas", contest = new { entryType = "text" } });
        Assert.Equal(HttpStatusCode.Created, text.StatusCode);
    }

    [Fact]
    public async Task APhotoAsBase64IsTakenLikeAFileAndATextContestRefusesOne()
    {
        var slug = await CreateAsync(Host, "apiphoto", new { entryType = "both", moderation = "post" });
        using var fan = Host.CreateClient();
        using var withPhoto = await fan.PostAsJsonAsync($"/c/{slug}/entries", new { title = "Glazed", photo = Convert.ToBase64String(TestImages.Jpeg(300, 200)) });
        Assert.Equal(HttpStatusCode.Accepted, withPhoto.StatusCode);
        using var other = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostAsJsonAsync($"/c/{slug}/entries", new { title = "Words only" })).StatusCode);
        var entries = await Eventually.ReturnsAsync(() => EntriesAsync(Host, slug, "approved"),
            items => items.GetArrayLength() == 2 && items.EnumerateArray().Any(e => e.GetProperty("photo").ValueKind == JsonValueKind.Object
                && e.GetProperty("photo").GetProperty("state").GetString() == PhotoState.Ready),
            because: "both entries, the photo ready");
        Assert.Equal(["Glazed"], entries.EnumerateArray().Where(e => e.GetProperty("photo").ValueKind == JsonValueKind.Object).Select(e => e.GetProperty("title").GetString()));

        var text = await CreateAsync(Host, "textonly");
        using var refused = await fan.PostAsJsonAsync($"/c/{text}/entries", new { title = "Glazed", photo = Convert.ToBase64String(TestImages.Jpeg(300, 200)) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no photo", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("photo")[0].GetString());
        var form = await fan.GetPageAsync($"/c/{text}");
        Assert.Null(form.Document.QuerySelector("input[type=file]"));
        Assert.Null(form.Document.QuerySelector("form[action$='/entries']")!.GetAttribute("enctype"));
    }
}
