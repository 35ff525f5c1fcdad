using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CampaignEngine.Campaigns;
using CampaignEngine.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>
/// The real engine on real Kestrel (a free loopback port) against real Azurite. Each host gets its
/// own storage prefix, so tests never see each other's campaigns, queues or tallies.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private EngineHost(WebApplication app, Uri baseAddress, string adminKey, string prefix, AzuriteServer azurite)
    {
        this.app = app;
        BaseAddress = baseAddress;
        AdminKey = adminKey;
        Prefix = prefix;
        Azurite = azurite;
        Admin = new HttpClient { BaseAddress = baseAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    }

    /// <summary>The contact key secret every test engine runs with (tests compute expected keys from it).</summary>
    public const string ContactKeySecret = "test-contact-key-secret-0123456789abcdef";

    public Uri BaseAddress { get; }
    public string AdminKey { get; }
    public string Prefix { get; }
    public AzuriteServer Azurite { get; }
    public IServiceProvider Services => app.Services;

    /// <summary>An HTTP client carrying the admin key.</summary>
    public HttpClient Admin { get; }

    public StorageNames Names => Services.GetRequiredService<StorageNames>();
    public TableServiceClient Tables => Services.GetRequiredService<StorageClients>().Tables;
    public QueueServiceClient Queues => Services.GetRequiredService<StorageClients>().Queues;

    /// <summary>Starts an engine. <paramref name="settings"/> overrides configuration (keys use ':').</summary>
    public static async Task<EngineHost> StartAsync(
        IDictionary<string, string?>? settings = null, AzuriteServer? azurite = null, string? prefix = null,
        Action<IServiceCollection>? services = null)
    {
        azurite ??= await AzuriteServer.SharedAsync();
        prefix ??= "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var adminKey = "test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var config = new Dictionary<string, string?>
        {
            ["CampaignStorage"] = azurite.ConnectionString,
            ["Storage:Prefix"] = prefix,
            ["CampaignEngine:AdminApiKey"] = adminKey,
            ["Contacts:KeySecret"] = ContactKeySecret,
            // The engine answers only to the address the tests use, as a deployment answers only to its own.
            ["AllowedHosts"] = "127.0.0.1",
            ["QueueListener:MinPollingInterval"] = "00:00:00.020",
            ["QueueListener:MaxPollingInterval"] = "00:00:00.250",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var args = config.Where(kv => kv.Value is not null).Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = CampaignEngineApp.Build(args, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EngineHost(app, new Uri(address), adminKey, prefix, azurite);
    }

    /// <summary>
    /// A fan's browser-like client: keeps cookies, does not follow redirects, and posts forms the way a
    /// browser posts the engine's own page (<see cref="SameOriginForms"/>). <paramref name="browserHeaders"/>
    /// false sends only what the test sets, as a script or an old browser would.
    /// </summary>
    public FanClient CreateClient(bool cookies = true, bool browserHeaders = true)
    {
        var jar = new CookieContainer();
        HttpMessageHandler handler = new HttpClientHandler { UseCookies = cookies, CookieContainer = jar, AllowAutoRedirect = false };
        if (browserHeaders) handler = new SameOriginForms { InnerHandler = handler };
        return new FanClient(jar, handler) { BaseAddress = BaseAddress };
    }

    public async Task<CampaignResponse> CreateCampaignAsync(PollBuilder poll, bool publish = true)
    {
        var created = await Admin.PostAsJsonAsync("/api/campaigns", poll.Build());
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Create failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
        var campaign = (await created.Content.ReadFromJsonAsync<CampaignResponse>(EngineJson.Options))!;
        if (!publish) return campaign;
        var published = await Admin.PostAsync($"/api/campaigns/{campaign.Slug}/publish", null);
        published.EnsureSuccessStatusCode();
        return (await published.Content.ReadFromJsonAsync<CampaignResponse>(EngineJson.Options))!;
    }

    public async Task<JsonElement> GetResultsAsync(string slug)
    {
        using var response = await Admin.GetAsync($"/api/campaigns/{slug}/results");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits until the API reports exactly <paramref name="expected"/> votes.</summary>
    public Task<JsonElement> WaitForTotalAsync(string slug, long expected, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => GetResultsAsync(slug), r => r.GetProperty("totalVotes").GetInt64() == expected,
            timeout, $"totalVotes of {slug} to reach {expected}");

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>An HTTP client whose cookie jar the test can look into.</summary>
public sealed class FanClient(CookieContainer cookies, HttpMessageHandler handler) : HttpClient(handler)
{
    public CookieContainer Cookies { get; } = cookies;

    /// <summary>The Cookie header carrying only this fan's device cookie.</summary>
    public string DeviceCookieHeader(string slug) =>
        Cookies.GetCookies(new Uri(BaseAddress!, $"/c/{slug}/votes"))["ce_device"] is { } device
            ? $"ce_device={device.Value}"
            : throw new InvalidOperationException("No device cookie was issued");
}

/// <summary>
/// Gives a form post the headers a current browser sends when the engine's own page posts it
/// (<c>Sec-Fetch-Site: same-origin</c> and <c>Origin</c>), unless the test set any of the headers
/// the engine's cross-site check reads.
/// </summary>
public sealed class SameOriginForms : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers;
        if (request.Method == HttpMethod.Post && request.Content?.Headers.ContentType?.MediaType is "application/x-www-form-urlencoded" or "multipart/form-data"
            && !headers.Contains("Sec-Fetch-Site") && !headers.Contains("Origin") && headers.Referrer is null)
        {
            headers.Add("Sec-Fetch-Site", "same-origin");
            headers.Add("Origin", request.RequestUri!.GetLeftPart(UriPartial.Authority));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
