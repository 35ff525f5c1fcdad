using System.Net;
using System.Text;
using CampaignEngine.Campaigns;
using CampaignEngine.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignEngine.IntegrationTests.Campaigns;

/// <summary>
/// The campaign cache of one instance, with the campaign edited through another (whose writes this
/// one's cache does not hear about): fresh within the TTL, and a busy campaign never waits for its read.
/// </summary>
public sealed class CampaignCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PastHalfItsLifeAnEntryIsReadAgainWhileItStillServes()
    {
        await using var pair = await CachedAsync("Before");
        var (clock, reader, editor, slug, cache) = (pair.Clock, pair.Reader, pair.Editor, pair.Slug, pair.Cache);

        await RetitleAsync(editor, slug, "After");
        clock.Advance(Ttl * 0.4);
        Assert.Equal("Before", (await cache.FindAsync(slug))!.Title); // young: no read at all
        clock.Advance(Ttl * 0.2);
        // Past half the TTL the entry still answers at once, and sends for the new one behind it.
        Assert.Equal("Before", (await cache.FindAsync(slug))!.Title);

        // Without the clock moving on: the background read replaced the entry before it expired.
        var title = await Eventually.ReturnsAsync(async () => (await cache.FindAsync(slug))!.Title, t => t == "After",
            because: "the refresh-ahead read should have replaced the entry");
        Assert.Equal("After", title);
    }

    [Fact]
    public async Task ARefreshThatFindsNothingChangedKeepsTheSameObject()
    {
        await using var pair = await CachedAsync("Unchanged");
        var (clock, slug, cache) = (pair.Clock, pair.Slug, pair.Cache);
        var first = (await cache.FindAsync(slug))!;

        // Past the TTL the entry is read again on the request path: same ETag, so the object in hand stays,
        // and what is cached against it (results, rendered pages) stays warm.
        clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        Assert.Same(first, await cache.FindAsync(slug));

        await RetitleAsync(pair.Editor, slug, "Changed");
        clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        var changed = (await cache.FindAsync(slug))!;
        Assert.NotSame(first, changed);
        Assert.Equal("Changed", changed.Title);
    }

    [Fact]
    public async Task AnExpiredEntryIsReadOnTheRequestPathAndAnEvictionIsNotUndoneByAnOlderRead()
    {
        await using var pair = await CachedAsync("Before");
        var (clock, reader, editor, slug, cache) = (pair.Clock, pair.Reader, pair.Editor, pair.Slug, pair.Cache);

        await RetitleAsync(editor, slug, "After");
        clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        Assert.Equal("After", (await cache.FindAsync(slug))!.Title);

        // A write through the reader itself is seen at once, even with a refresh started just before it.
        clock.Advance(Ttl * 0.6);
        var refresh = cache.FindAsync(slug);
        await RetitleAsync(reader, slug, "Latest");
        await refresh;
        Assert.Equal("Latest", (await cache.FindAsync(slug))!.Title);
    }

    [Fact]
    public async Task ConcurrentMissesForOneSlugShareOneRead()
    {
        await using var pair = await StartAsync();
        var slug = await CreateAsync(pair.Editor, "Shared");
        var cache = pair.Cache;

        var found = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => cache.FindAsync(slug).AsTask()));

        // One read means one instance: every caller got the very same object.
        Assert.All(found, campaign => Assert.Same(found[0], campaign));
        Assert.Equal("Shared", found[0]!.Title);
    }

    /// <summary>Two instances on one storage; the reader's clock is the test's.</summary>
    private sealed record Instances(FakeTimeProvider Clock, EngineHost Reader, EngineHost Editor, string Slug = "") : IAsyncDisposable
    {
        public CampaignCache Cache => Reader.Services.GetRequiredService<CampaignCache>();

        public async ValueTask DisposeAsync()
        {
            await Reader.DisposeAsync();
            await Editor.DisposeAsync();
        }
    }

    private static async Task<Instances> StartAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["CampaignEngine:CampaignCacheDuration"] = Ttl.ToString(), ["QueueListener:Enabled"] = "false", ["Timers:Enabled"] = "false" };
        var reader = await EngineHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(clock));
        var editor = await EngineHost.StartAsync(settings, prefix: reader.Prefix);
        return new Instances(clock, reader, editor);
    }

    /// <summary>A campaign created through the editor and read once into the reader's cache.</summary>
    private static async Task<Instances> CachedAsync(string title)
    {
        var pair = await StartAsync();
        try
        {
            var cached = pair with { Slug = await CreateAsync(pair.Editor, title) };
            Assert.Equal(title, (await cached.Cache.FindAsync(cached.Slug))!.Title);
            return cached;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> CreateAsync(EngineHost host, string title) =>
        (await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("cache").WithTitle(title), publish: false)).Slug;

    private static async Task RetitleAsync(EngineHost host, string slug, string title)
    {
        var patch = new StringContent($$"""{"title":"{{title}}"}""", Encoding.UTF8, "application/merge-patch+json");
        var response = await host.Admin.PatchAsync($"/api/campaigns/{slug}", patch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
