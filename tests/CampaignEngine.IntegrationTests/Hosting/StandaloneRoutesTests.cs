using System.Net;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Hosting;

public sealed class StandaloneRoutesTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("/VoteTally")]
    [InlineData("/ContactCapture")]
    public async Task QueueFunctionRoutesDoNotExistOutsideTheFunctionsHost(string path)
    {
        // Otherwise anyone could post forged tallies to a public standalone engine.
        var response = await fixture.Host.Admin.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
