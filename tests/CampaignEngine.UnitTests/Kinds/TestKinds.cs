using System.Text.Json;
using Microsoft.Extensions.Configuration;
using CampaignEngine.Contests;
using CampaignEngine.Kinds;
using CampaignEngine.Polls;
using CampaignEngine.Surveys;
using CampaignEngine.UnitTests.Pages;

namespace CampaignEngine.UnitTests.Kinds;

/// <summary>The kinds the engine ships, for tests of the core that need a registry.</summary>
internal static class TestKinds
{
    /// <summary>The contest kind for what needs no storage: its settings, strings and pages (clients that never connect, blob storage named).</summary>
    public static ContestKind Contest { get; } = new(
        new ContestPages(PageFixtures.Views, TimeProvider.System), new ContestEnter(null!, null!, TimeProvider.System), new ContestVote(null!, TimeProvider.System), new ContestFlag(null!),
        new CampaignEngine.Storage.StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CampaignStorage"] = "UseDevelopmentStorage=true" }).Build()));

    // After Contest: static properties are set in the order they are written.
    public static CampaignKinds All { get; } = new([new PollKind(PageFixtures.PollViews), Contest, new SurveyKind(new SurveyPages(PageFixtures.Views, TimeProvider.System), TimeProvider.System, null!)]);

    /// <summary>Extra request fields (a kind's section, or its top-level fields) from an anonymous object.</summary>
    public static Dictionary<string, JsonElement> Fields(object fields) =>
        JsonSerializer.SerializeToElement(fields, EngineJson.Options).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
