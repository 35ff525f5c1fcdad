using System.Text.Json;
using CampaignEngine.Campaigns;
using CampaignEngine.Polls;

namespace CampaignEngine.IntegrationTests.Infrastructure;

/// <summary>The kind sections of a campaign as the API answered it.</summary>
public static class CampaignResponses
{
    public static PollSettingsRequest Poll(this CampaignResponse campaign) =>
        (campaign.KindFields?.GetValueOrDefault("poll") is JsonElement section ? section.Deserialize<PollSettingsRequest>(EngineJson.Options) : null)
        ?? throw new InvalidOperationException($"{campaign.Slug} has no poll section.");

    public static IReadOnlyList<OptionRequest> Options(this CampaignResponse campaign) => campaign.Poll().Options!.Select(o => o!).ToList();
}
