using System.Net;
using System.Net.Http.Json;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>Creates a campaign of a kind through the API (its settings in the kind's section), published unless asked not to.</summary>
internal static class KindCampaigns
{
    public static async Task<string> CreateAsync(
        EngineHost host, string kind, string stem, string title, string description, object section, string locale, string? contact, bool publish)
    {
        var slug = $"{stem}-{Guid.NewGuid():N}"[..Math.Min(40, stem.Length + 13)];
        var body = new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["slug"] = slug,
            ["title"] = title,
            ["description"] = description,
            [kind] = section,
            ["locale"] = locale,
        };
        if (contact is not null) body["contact"] = new { mode = contact, consentText = "Send me offers from Test Brand." };
        using var created = await host.Admin.PostAsJsonAsync("/api/campaigns", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        if (publish) (await host.Admin.PostAsync($"/api/campaigns/{slug}/publish", null)).EnsureSuccessStatusCode();
        return slug;
    }
}
