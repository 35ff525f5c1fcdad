using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Contests;
using CampaignEngine.Hosting;
using CampaignEngine.IntegrationTests.Infrastructure;
using CampaignEngine.Messaging;
using CampaignEngine.Submissions;

namespace CampaignEngine.IntegrationTests.Contests;

/// <summary>What contest tests share: a contest through the API, entries and votes as fans send them, the marketer's lists.</summary>
internal static class Contests
{
    public static Task<string> CreateAsync(
        EngineHost host, string stem, object? contest = null, string? contact = null, bool publish = true, string locale = "en") =>
        KindCampaigns.CreateAsync(host, "contest", stem, "Create our next donut", "Send your idea; the public picks the winner.", contest ?? new { }, locale, contact, publish);

    public static async Task<string> EnterAsync(HttpClient fan, string slug, string title, string? caption = null)
    {
        using var answer = await fan.PostAsJsonAsync($"/c/{slug}/entries", new { title, caption });
        Assert.True(answer.StatusCode == HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
    }

    public static Task<HttpResponseMessage> VoteAsync(HttpClient fan, string slug, string entryId) =>
        fan.PostAsJsonAsync($"/c/{slug}/entry-votes", new { entryId });

    public static async Task<JsonElement> EntriesAsync(EngineHost host, string slug, string status = "pending")
    {
        using var answer = await host.Admin.GetAsync($"/api/campaigns/{slug}/entries?status={status}&limit=1000");
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
    }

    /// <summary>Waits until <paramref name="count"/> entries have the status (entries reach the table once the queue has counted them).</summary>
    public static async Task<List<string>> WaitForEntriesAsync(EngineHost host, string slug, int count, string status = "pending") =>
        (await Eventually.ReturnsAsync(() => EntriesAsync(host, slug, status), items => items.GetArrayLength() == count,
            because: $"{count} {status} entries in {slug}"))
        .EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

    public static async Task<JsonElement> ModerateAsync(EngineHost host, string slug, string action, IEnumerable<string> ids, string? reason = null)
    {
        using var answer = await host.Admin.PostAsJsonAsync($"/api/campaigns/{slug}/entries/moderate", new { action, ids = ids.ToArray(), reason });
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> LeaderboardAsync(EngineHost host, string slug)
    {
        using var answer = await host.Admin.GetAsync($"/api/campaigns/{slug}/leaderboard?limit=1000");
        answer.EnsureSuccessStatusCode();
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Entry id → votes, once the leaderboard counts <paramref name="votes"/> in all.</summary>
    public static async Task<Dictionary<string, long>> WaitForVotesAsync(EngineHost host, string slug, long votes) =>
        (await Eventually.ReturnsAsync(() => LeaderboardAsync(host, slug), board => board.GetProperty("votes").GetInt64() == votes,
            because: $"{votes} votes on the leaderboard of {slug}"))
        .GetProperty("items").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("votes").GetInt64());

    /// <summary>One queue delivery of <paramref name="items"/>, as the tally function gets it.</summary>
    public static QueueInvocation Invocation(params SubmissionAccepted[] items) =>
        new(JsonSerializer.Serialize(new Batch<SubmissionAccepted>(items), MessageJson.Options), Guid.NewGuid().ToString(), 1, DateTimeOffset.UtcNow);

    /// <summary>
    /// Entry <paramref name="i"/> as the accept side would queue it, already approved, for a test that enters entries straight
    /// through the tally; <paramref name="keyFill"/> keeps its participants apart from another helper's.
    /// </summary>
    public static SubmissionAccepted ApprovedEntry(string slug, int i, char keyFill = 'b', DateTimeOffset? acceptedAt = null, string receiptPrefix = "r") =>
        new($"{receiptPrefix}-{slug}-{i}", slug, "e", new EntryData($"Idea {i}", null, EntryStatus.Approved).Write(),
            Convert.ToHexStringLower(BitConverter.GetBytes(i)).PadRight(32, keyFill), "c", 1, i % 16, acceptedAt ?? DateTimeOffset.UtcNow);
}
