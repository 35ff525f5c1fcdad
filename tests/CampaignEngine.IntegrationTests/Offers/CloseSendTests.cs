using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Offers;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.IntegrationTests.Offers.Offers;

namespace CampaignEngine.IntegrationTests.Offers;

/// <summary>An offer that goes out when the campaign closes: to every contact whose consent holds then, once.</summary>
public sealed class CloseSendTests(MailEngineFixture fixture) : IClassFixture<MailEngineFixture>
{
    private EngineHost Host => fixture.Host;

    private Task RunTimerAsync() =>
        Host.Services.GetServices<ITimerFunction>().Single(f => f.Name == "OfferCloseSends").RunAsync(new TimerInvocation(false), CancellationToken.None);

    [Fact]
    public async Task WhenTheCampaignClosesEveryConsentingContactGetsOneCodeOrAKindWordAndASecondRunSendsNothingNew()
    {
        var slug = await PollWithOfferAsync(Host, codes: 30, stem: "close", sendWhen: "atClose");
        var domain = $"{slug}.test";
        var fans = Enumerable.Range(0, 45).Select(_ => Host.CreateClient(cookies: false, browserHeaders: false)).ToList();
        await Task.WhenAll(fans.Select(async (fan, i) =>
        {
            // Five take part without consent: they get nothing.
            object vote = i < 40 ? new { optionId = "choc", email = $"fan{i}@{domain}", consent = true } : new { optionId = "van" };
            using var answer = await fan.PostAsJsonAsync($"/c/{slug}/votes", vote);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }));
        fans.ForEach(f => f.Dispose());
        await Eventually.ReturnsAsync(async () => (await Host.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/campaigns/{slug}/contacts")).GetArrayLength(),
            n => n == 40, because: "40 contacts captured");

        // Still live: nothing goes out, whatever the timer does.
        await RunTimerAsync();
        Assert.Equal(0, (await StatsAsync(Host, slug)).GetProperty("assigned").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync($"/api/campaigns/{slug}/close", null)).StatusCode);
        await RunTimerAsync();
        var stats = await StatsAsync(Host, slug);
        Assert.Equal((30, 10, 0), (stats.GetProperty("assigned").GetInt32(), stats.GetProperty("missed").GetInt32(), stats.GetProperty("left").GetInt32()));
        var offer = await Host.Admin.GetFromJsonAsync<OfferResponse>($"/api/campaigns/{slug}/offer", EngineJson.Options);
        Assert.NotNull(offer!.SentAt);
        await Eventually.ReturnsAsync(() => fixture.Mail.CountToDomainAsync(domain), n => n >= 40, TimeSpan.FromSeconds(60), "40 mails");

        await RunTimerAsync();
        Assert.Equal((30, 10), ((await StatsAsync(Host, slug)).GetProperty("assigned").GetInt32(), (await StatsAsync(Host, slug)).GetProperty("missed").GetInt32()));
        Assert.Equal(offer.SentAt, (await Host.Admin.GetFromJsonAsync<OfferResponse>($"/api/campaigns/{slug}/offer", EngineJson.Options))!.SentAt);
        Assert.Equal(40, await fixture.Mail.CountToDomainAsync(domain));
    }
}
