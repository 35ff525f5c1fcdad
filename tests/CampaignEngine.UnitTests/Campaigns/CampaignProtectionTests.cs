using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.UnitTests.Pages;
using static CampaignEngine.UnitTests.Kinds.TestKinds;

namespace CampaignEngine.UnitTests.Campaigns;

/// <summary>Limits per address and per network: defaults when absent, off with null or 0, editable at any time.</summary>
public sealed class CampaignProtectionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z");

    private static CreateCampaignRequest Request(string protection) => JsonSerializer.Deserialize<CreateCampaignRequest>(
        $$"""{"kind":"poll","title":"Next flavour?","poll":{"options":[{"label":"Chocolate"},{"label":"Vanilla"}]}{{protection}}}""", EngineJson.Strict)!;

    private static (ProtectionSettings? Settings, IReadOnlyCollection<string> Errors) Read(string protection)
    {
        var request = Request(protection);
        var valid = CampaignValidator.Validate(request, All);
        return valid.Errors.Any ? (null, valid.Errors.ToDictionary().Keys) : (CampaignProtection.Of(request), []);
    }

    private static CampaignEditor.Outcome Edit(Campaign campaign, string patch) =>
        CampaignEditor.Edit(campaign, JsonNode.Parse(patch)!.AsObject(), All, Now);

    private static Campaign Live(ProtectionSettings? protection = null) => PageFixtures.Poll() with { Protection = protection ?? ProtectionSettings.Default };

    [Fact]
    public void WithoutProtectionACampaignGetsTheDefaults()
    {
        Assert.Equal(ProtectionSettings.Default, Read("").Settings);
        Assert.Equal(ProtectionSettings.Default, Read(""","protection":{}""").Settings);
        Assert.Equal(new NetworkLimit(2_000, 60), ProtectionSettings.Default.PerAddress);
        Assert.Equal(new NetworkLimit(10_000, 60), ProtectionSettings.Default.PerNetwork);
    }

    [Theory]
    [InlineData(""","protection":null""", null, null)]
    [InlineData(""","protection":{"perAddress":null}""", null, 10_000)]
    [InlineData(""","protection":{"perAddress":{"limit":0}}""", null, 10_000)]
    [InlineData(""","protection":{"perNetwork":{"limit":0,"windowMinutes":5}}""", 2_000, null)]
    [InlineData(""","protection":{"perAddress":{"limit":20},"perNetwork":{"limit":300,"windowMinutes":1440}}""", 20, 300)]
    public void NullOrZeroTurnsALimitOffAndAnAbsentOneKeepsItsDefault(string protection, int? perAddress, int? perNetwork)
    {
        var settings = Read(protection).Settings!;
        Assert.Equal(perAddress, settings.PerAddress?.Limit);
        Assert.Equal(perNetwork, settings.PerNetwork?.Limit);
    }

    [Fact]
    public void AWindowIsAnHourUnlessSaid() =>
        Assert.Equal(new NetworkLimit(20, 60), Read(""","protection":{"perAddress":{"limit":20}}""").Settings!.PerAddress);

    [Theory]
    [InlineData(""","protection":{"perAddress":{"limit":-1}}""", "protection.perAddress.limit")]
    [InlineData(""","protection":{"perAddress":{"limit":1000001}}""", "protection.perAddress.limit")]
    [InlineData(""","protection":{"perAddress":{"windowMinutes":60}}""", "protection.perAddress.limit")]
    [InlineData(""","protection":{"perNetwork":{"limit":10,"windowMinutes":0}}""", "protection.perNetwork.windowMinutes")]
    [InlineData(""","protection":{"perNetwork":{"limit":10,"windowMinutes":1441}}""", "protection.perNetwork.windowMinutes")]
    public void OutOfRangeSettingsAreNamed(string protection, string field) => Assert.Contains(field, Read(protection).Errors);

    [Fact]
    public void AnUnknownFieldInProtectionIsRefused() =>
        Assert.Throws<JsonException>(() => Request(""","protection":{"perIp":{"limit":1}}"""));

    [Theory]
    [InlineData("""{"protection":{"perAddress":{"limit":50000}}}""", 50_000, 10_000)]
    [InlineData("""{"protection":{"perAddress":{"limit":5,"windowMinutes":1440}}}""", 5, 10_000)]
    [InlineData("""{"protection":{"perNetwork":{"limit":0}}}""", 2_000, null)]
    [InlineData("""{"protection":{"perNetwork":null}}""", 2_000, null)]
    [InlineData("""{"protection":null}""", null, null)]
    public void ALiveCampaignsLimitsMayLoosenTightenOrTurnOff(string patch, int? perAddress, int? perNetwork)
    {
        var outcome = Edit(Live(), patch);

        var protection = outcome.Stored!.Campaign.Protection;
        Assert.Equal(perAddress, protection.PerAddress?.Limit);
        Assert.Equal(perNetwork, protection.PerNetwork?.Limit);
    }

    [Fact]
    public void ALimitThatIsOffStaysOffThroughOtherEditsAndCanComeBack()
    {
        var off = Live(new ProtectionSettings(null, new NetworkLimit(300, 30)));

        var retitled = Edit(off, """{"title":"New words"}""").Stored!.Campaign;
        Assert.Equal(off.Protection, retitled.Protection);

        var back = Edit(off, """{"protection":{"perAddress":{"limit":40}}}""").Stored!.Campaign;
        Assert.Equal(new ProtectionSettings(new NetworkLimit(40, 60), new NetworkLimit(300, 30)), back.Protection);
    }

    [Fact]
    public void TheDocumentAPatchEditsShowsAnOffLimitAsNull()
    {
        var document = CampaignEditor.Document(Live(new ProtectionSettings(null, new NetworkLimit(300, 30))), All.Get("poll"));

        Assert.Equal("""{"perAddress":null,"perNetwork":{"limit":300,"windowMinutes":30}}""", document["protection"]!.ToJsonString());
    }
}
