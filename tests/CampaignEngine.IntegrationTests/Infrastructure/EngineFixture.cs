namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>One engine per test class (xunit class fixture), with its own storage prefix.</summary>
public class EngineFixture : IAsyncLifetime
{
    public EngineHost Host { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync() => Host = await EngineHost.StartAsync(Settings);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
