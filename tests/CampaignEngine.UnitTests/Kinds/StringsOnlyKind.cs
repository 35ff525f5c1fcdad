using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.Kinds;
using CampaignEngine.Pages.Localization;
using Microsoft.AspNetCore.Routing;

namespace CampaignEngine.UnitTests.Kinds;

/// <summary>A kind that is only a name and its strings, for tests of how strings are layered and checked.</summary>
internal sealed class StringsOnlyKind(string name, KindStrings strings) : ICampaignKind
{
    public string Name => name;
    public KindStrings Strings => strings;

    public string Summary => "Only strings.";
    public Type SettingsRequestType => typeof(object);
    public IReadOnlyList<string> TopLevelFields => [];
    public IReadOnlyList<ISubmissionAction> Actions => [];
    public IKindPages Pages => throw new NotSupportedException();
    public KindSettings? ReadSettings(JsonElement section, FieldErrors errors) => throw new NotSupportedException();
    public JsonObject Describe(KindSettings settings) => throw new NotSupportedException();
    public KindSettings ReadStored(string json) => throw new NotSupportedException();
    public string WriteStored(KindSettings settings) => throw new NotSupportedException();
    public void CheckLiveChange(KindSettings before, KindSettings after, FieldErrors refusals) => throw new NotSupportedException();
    public bool HasImageSlot(KindSettings settings, string slot) => false;
    public KindResults Summarize(Campaign campaign, CounterTotals counters) => throw new NotSupportedException();
    public void MapRoutes(IEndpointRouteBuilder app) { }
}
