using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.IntegrationTests.Infrastructure;

namespace CampaignEngine.IntegrationTests.Offers;

/// <summary>Shared steps of the offer tests: a poll taking consented contacts with an offer and a pool.</summary>
public static class Offers
{
    public const string Pin = "4321";

    public static async Task<string> PollWithOfferAsync(EngineHost host, int codes, string stem = "offer", string? message = null, DateTimeOffset? expiresAt = null,
        string locale = "en", string sendWhen = "afterTakingPart")
    {
        var poll = await host.CreateCampaignAsync(new PollBuilder().UniqueSlug(stem).WithLocale(locale).WithContact("optional"));
        using var put = await host.Admin.PutAsJsonAsync($"/api/campaigns/{poll.Slug}/offer", new
        {
            subject = "Your 20% off code",
            message = message ?? "Hi {{ name }}, thanks for voting in {{ campaign }}!\n\nYour code: {{ code }}",
            expiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddDays(30),
            staffPin = Pin,
            sendWhen,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        if (codes > 0)
        {
            using var generated = await host.Admin.PostAsJsonAsync($"/api/campaigns/{poll.Slug}/offer/codes/generate", new { count = codes, pattern = "TEST-####-####" });
            Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        }
        return poll.Slug;
    }

    public static async Task<JsonElement> StatsAsync(EngineHost host, string slug) =>
        (await host.Admin.GetFromJsonAsync<JsonElement>($"/api/campaigns/{slug}/offer")).GetProperty("codes");

    public static Task<JsonElement> WaitForHandedOutAsync(EngineHost host, string slug, long contacts) =>
        Eventually.ReturnsAsync(() => StatsAsync(host, slug),
            s => s.GetProperty("assigned").GetInt64() + s.GetProperty("missed").GetInt64() == contacts,
            TimeSpan.FromSeconds(60), $"every one of {contacts} contacts of {slug} to have a code or be told the pool is empty");
}
