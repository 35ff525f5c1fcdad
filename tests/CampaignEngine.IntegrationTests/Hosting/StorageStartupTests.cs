using System.Diagnostics;
using System.Net;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Hosting;

public sealed class StorageStartupTests
{
    [Fact]
    public async Task AnEngineStartedWhileStorageIsDownServesHealth503AndRecoversWhenStorageReturns()
    {
        var folder = Directory.CreateTempSubdirectory("ce-startup-");
        var azurite = await AzuriteServer.StartAsync(folder.FullName);
        try
        {
            await azurite.DisposeAsync(); // ports known, nothing listening

            // The Functions host gives a custom handler 60 s to answer; the engine must not wait on storage for that long.
            var clock = Stopwatch.StartNew();
            await using var host = await EngineHost.StartAsync(new Dictionary<string, string?> { ["Storage:StartupWait"] = "00:00:01" }, azurite);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"start took {clock.Elapsed}");

            var down = await host.Admin.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);

            await azurite.RestartAsync();
            await Eventually.ReturnsAsync(async () => (await host.Admin.GetAsync("/healthz")).StatusCode, s => s == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "/healthz to turn 200 once storage answers");

            // The tables and queues were created in the background: the whole path works.
            var poll = await Eventually.ReturnsAsync(async () =>
                {
                    try { return await host.CreateCampaignAsync(new PollBuilder().UniqueSlug("late")); }
                    catch (InvalidOperationException) { return null; }
                }, p => p is not null, TimeSpan.FromSeconds(30), "the campaigns table to exist");
            using var fan = host.CreateClient();
            var vote = await fan.PostAsync($"/c/{poll!.Slug}/votes", JsonContent("""{"optionId":"choc"}"""));
            Assert.Equal(HttpStatusCode.Accepted, vote.StatusCode);
            // A deadline, not a wait: the listener's receives that began while storage was down may still be in the SDK's
            // retries (seconds apiece) when it returns, and on a loaded CI machine 30 s was once not enough.
            await host.WaitForTotalAsync(poll.Slug, 1, TimeSpan.FromSeconds(90));
        }
        finally
        {
            await azurite.DisposeAsync();
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
