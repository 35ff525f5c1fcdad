using System.Security.Cryptography;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Media;
using CampaignEngine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace CampaignEngine.IntegrationTests.Media;

/// <summary>Images in a real Azurite blob service, through the same clients and initializer the engine uses.</summary>
public sealed class MediaStoreTests : IAsyncLifetime
{
    private AzuriteServer azurite = null!;
    private StorageClients clients = null!;
    private StorageNames names = null!;
    private MediaStore store = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.SharedAsync();
        (clients, names, store) = Build(azurite.ConnectionString);
        await Initialize(clients, names);
    }

    public Task DisposeAsync() => clients.Blobs.GetBlobContainerClient(names.MediaContainer).DeleteIfExistsAsync();

    private static (StorageClients, StorageNames, MediaStore) Build(string connectionString)
    {
        var clients = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageOptions.ConnectionName] = connectionString }).Build());
        var names = new StorageNames(Options.Create(new StorageOptions { Prefix = "m" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)) }));
        return (clients, names, new MediaStore(clients, names, NullLogger<MediaStore>.Instance));
    }

    private static async Task Initialize(StorageClients clients, StorageNames names)
    {
        var initializer = new StorageInitializer(clients, names, Options.Create(new StorageOptions { StartupWait = TimeSpan.FromSeconds(20) }),
            NullLogger<StorageInitializer>.Instance);
        await initializer.StartAsync(CancellationToken.None);
        await initializer.StopAsync(CancellationToken.None);
    }

    private static SanitizedImage Image(SKColor color)
    {
        using var bitmap = new SKBitmap(120, 80);
        bitmap.Erase(color);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var result = ImageSanitizer.Sanitize(png.ToArray(), ImageLimits.Cover);
        Assert.True(result.Succeeded, result.ToString());
        return result.Image;
    }

    [Fact]
    public async Task TheInitializerCreatesThePrefixedMediaContainer()
    {
        Assert.EndsWith("media", names.MediaContainer);
        Assert.True((await clients.Blobs.GetBlobContainerClient(names.MediaContainer).ExistsAsync()).Value);
    }

    [Fact]
    public async Task AnImageRoundTripsWithItsContentTypeAndAnImmutableCacheHeader()
    {
        var image = Image(SKColors.SteelBlue);
        var path = MediaPaths.For("summer-poll/cover", image);

        await store.SetImageAsync(path, image);
        var stored = await store.GetImageAsync(path);

        Assert.NotNull(stored);
        Assert.Equal(image.Bytes.ToArray(), stored.Bytes.ToArray());
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.Equal("public, max-age=31536000, immutable", stored.CacheControl);
        Assert.NotEqual(default, stored.ETag);
        var properties = (await clients.Blobs.GetBlobContainerClient(names.MediaContainer).GetBlobClient(path).GetPropertiesAsync()).Value;
        Assert.Equal("public, max-age=31536000, immutable", properties.CacheControl);
        Assert.Equal("image/jpeg", properties.ContentType);
    }

    [Fact]
    public async Task StoringTheSameImageAgainKeepsTheBlobAndItsETag()
    {
        var image = Image(SKColors.Gold);
        var path = MediaPaths.For("summer-poll", image);

        await store.SetImageAsync(path, image);
        var first = await store.GetImageAsync(path);
        await store.SetImageAsync(path, image);
        var second = await store.GetImageAsync(path);

        Assert.Equal(first!.ETag, second!.ETag);
    }

    [Fact]
    public async Task AChangedImageGetsAnotherPath()
    {
        var before = Image(SKColors.Red);
        var after = Image(SKColors.Green);
        await store.SetImageAsync(MediaPaths.For("summer-poll", before), before);
        await store.SetImageAsync(MediaPaths.For("summer-poll", after), after);

        Assert.NotEqual(MediaPaths.For("summer-poll", before), MediaPaths.For("summer-poll", after));
        Assert.Equal(before.Bytes.ToArray(), (await store.GetImageAsync(MediaPaths.For("summer-poll", before)))!.Bytes.ToArray());
        Assert.Equal(after.Bytes.ToArray(), (await store.GetImageAsync(MediaPaths.For("summer-poll", after)))!.Bytes.ToArray());
    }

    [Fact]
    public async Task AMissingImageOrAPathOfAnotherShapeIsNull()
    {
        Assert.Null(await store.GetImageAsync("summer-poll/0123456789abcdef0123.jpg"));
        Assert.Null(await store.GetImageAsync("../secrets.txt"));
        await store.DeleteImageAsync("summer-poll/0123456789abcdef0123.jpg");
    }

    [Fact]
    public async Task ADeletedImageIsGone()
    {
        var image = Image(SKColors.Purple);
        var path = MediaPaths.For("summer-poll", image);
        await store.SetImageAsync(path, image);

        await store.DeleteImageAsync(path);

        Assert.Null(await store.GetImageAsync(path));
    }

    [Fact]
    public async Task APathThatIsNotTheImagesOwnIsRefused()
    {
        var image = Image(SKColors.Teal);
        var other = Image(SKColors.Orange);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetImageAsync(MediaPaths.For("summer-poll", other), image));
    }

    [Fact]
    public async Task WithoutABlobEndpointTheEngineStillStartsAndOnlyImagesFailClearly()
    {
        var withoutBlob = string.Join(';', azurite.ConnectionString.Split(';').Where(p => !p.StartsWith("BlobEndpoint=", StringComparison.Ordinal)));
        var (noBlobClients, noBlobNames, noBlobStore) = Build(withoutBlob);

        Assert.False(noBlobClients.HasBlobs);
        await Initialize(noBlobClients, noBlobNames);
        var tables = await noBlobClients.Tables.QueryAsync(t => t.Name == noBlobNames.VotesTable).ToListAsync();
        Assert.Single(tables); // the initializer got on with the tables and queues

        var image = Image(SKColors.Black);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => noBlobStore.SetImageAsync(MediaPaths.For("p", image), image));
        Assert.Contains("Blob storage is not configured", error.Message);
        Assert.Contains("BlobEndpoint", error.Message);
    }
}
