using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Offers;

/// <summary>An engine that sends its mail to the shared maildev, with fan limits high enough for hundreds of fans from one address.</summary>
public sealed class MailEngineFixture : IAsyncLifetime
{
    public EngineHost Host { get; private set; } = null!;
    public MailDevServer Mail { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mail = await MailDevServer.SharedAsync();
        var settings = Mail.Settings;
        settings["RateLimits:FanWritesPerMinute"] = "100000";
        settings["RateLimits:FanReadsPerMinute"] = "100000";
        Host = await EngineHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
