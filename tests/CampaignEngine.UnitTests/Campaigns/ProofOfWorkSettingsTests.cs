using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.UnitTests.Pages;
using static CampaignEngine.UnitTests.Kinds.TestKinds;

namespace CampaignEngine.UnitTests.Campaigns;

/// <summary><c>protection.proofOfWork</c>: off unless asked for, defaults inside it, named errors, editable by merge patch.</summary>
public sealed class ProofOfWorkSettingsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z");

    private static (ProtectionSettings? Settings, IReadOnlyCollection<string> Errors) Read(string protection)
    {
        var request = JsonSerializer.Deserialize<CreateCampaignRequest>(
            $$"""{"kind":"poll","title":"Next flavour?","poll":{"options":[{"label":"Chocolate"},{"label":"Vanilla"}]},"protection":{{protection}}}""", EngineJson.Strict)!;
        var valid = CampaignValidator.Validate(request, All);
        return valid.Errors.Any ? (null, valid.Errors.ToDictionary().Keys) : (CampaignProtection.Of(request), []);
    }

    private static Campaign Edit(Campaign campaign, string patch) =>
        CampaignEditor.Edit(campaign, JsonNode.Parse(patch)!.AsObject(), All, Now).Stored!.Campaign;

    [Fact]
    public void ProofOfWorkIsOffUnlessAskedFor()
    {
        Assert.Null(ProtectionSettings.Default.ProofOfWork);
        Assert.Null(Read("{}").Settings!.ProofOfWork);
        Assert.Null(Read("""{"proofOfWork":null}""").Settings!.ProofOfWork);
    }

    [Fact]
    public void AnEmptySectionTakesSixteenBitsAndThirtyUnsolvedAnHourPerNetwork()
    {
        var work = Read("""{"proofOfWork":{}}""").Settings!.ProofOfWork!;

        Assert.Equal(16, work.Difficulty);
        Assert.Equal(new NetworkLimit(30, 60), work.UnsolvedPerNetwork);
        // The network limits keep their defaults beside it.
        Assert.Equal(ProtectionSettings.Default.PerAddress, Read("""{"proofOfWork":{}}""").Settings!.PerAddress);
    }

    [Fact]
    public void TheDifficultyAndTheFallbackAreTheCampaignsToSet() =>
        Assert.Equal(new ProofOfWorkSettings(20, new NetworkLimit(5, 1440)),
            Read("""{"proofOfWork":{"difficulty":20,"unsolvedPerNetwork":{"limit":5,"windowMinutes":1440}}}""").Settings!.ProofOfWork);

    [Theory]
    [InlineData("""{"proofOfWork":{"difficulty":0}}""", "protection.proofOfWork.difficulty")]
    [InlineData("""{"proofOfWork":{"difficulty":25}}""", "protection.proofOfWork.difficulty")]
    [InlineData("""{"proofOfWork":{"unsolvedPerNetwork":{"limit":0}}}""", "protection.proofOfWork.unsolvedPerNetwork.limit")]
    [InlineData("""{"proofOfWork":{"unsolvedPerNetwork":{"limit":-3}}}""", "protection.proofOfWork.unsolvedPerNetwork.limit")]
    [InlineData("""{"proofOfWork":{"unsolvedPerNetwork":{"windowMinutes":30}}}""", "protection.proofOfWork.unsolvedPerNetwork.limit")]
    [InlineData("""{"proofOfWork":{"unsolvedPerNetwork":{"limit":3,"windowMinutes":0}}}""", "protection.proofOfWork.unsolvedPerNetwork.windowMinutes")]
    public void OutOfRangeSettingsAreNamed(string protection, string field) => Assert.Contains(field, Read(protection).Errors);

    [Fact]
    public void AnUnknownFieldInTheSectionIsRefused() =>
        Assert.Throws<JsonException>(() => Read("""{"proofOfWork":{"bits":12}}"""));

    [Fact]
    public void TheDocumentAPatchEditsDescribesItInTheShapeARequestSends()
    {
        var campaign = PageFixtures.Poll() with { Protection = ProtectionSettings.Default with { ProofOfWork = new(12, new NetworkLimit(7, 30)) } };

        var document = CampaignEditor.Document(campaign, All.Get("poll"));

        Assert.Equal("""{"difficulty":12,"unsolvedPerNetwork":{"limit":7,"windowMinutes":30}}""", document["protection"]!["proofOfWork"]!.ToJsonString());
    }

    [Fact]
    public void AMergePatchTurnsItOnChangesItAndTurnsItOffKeepingTheLimits()
    {
        var live = PageFixtures.Poll() with { Protection = new ProtectionSettings(null, new NetworkLimit(300, 30)) };

        var on = Edit(live, """{"protection":{"proofOfWork":{"difficulty":10}}}""");
        Assert.Equal(new ProofOfWorkSettings(10, ProofOfWorkSettings.DefaultUnsolvedPerNetwork), on.Protection.ProofOfWork);
        Assert.Null(on.Protection.PerAddress);

        var harder = Edit(on, """{"protection":{"proofOfWork":{"difficulty":18}}}""");
        Assert.Equal(18, harder.Protection.ProofOfWork!.Difficulty);
        Assert.Equal(on.Protection.ProofOfWork!.UnsolvedPerNetwork, harder.Protection.ProofOfWork.UnsolvedPerNetwork);

        var retitled = Edit(harder, """{"title":"New words"}""");
        Assert.Equal(harder.Protection, retitled.Protection);

        var off = Edit(harder, """{"protection":{"proofOfWork":null}}""");
        Assert.Null(off.Protection.ProofOfWork);
        Assert.Equal(new NetworkLimit(300, 30), off.Protection.PerNetwork);
    }
}
