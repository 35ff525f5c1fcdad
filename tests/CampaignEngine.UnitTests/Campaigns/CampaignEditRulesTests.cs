using System.Text.Json.Nodes;
using CampaignEngine.Campaigns;
using CampaignEngine.Polls;
using CampaignEngine.UnitTests.Pages;
using static CampaignEngine.UnitTests.Kinds.TestKinds;

namespace CampaignEngine.UnitTests.Campaigns;

/// <summary>What a merge patch may change, by status: everything in a draft, nothing that changes a count once live.</summary>
public sealed class CampaignEditRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z");

    private static Campaign Poll(CampaignStatus status, DateTimeOffset? endsAt = null) => PageFixtures.Poll(status: status) with
    {
        StartsAt = Now.AddDays(-1),
        EndsAt = endsAt ?? Now.AddDays(7),
    };

    private static CampaignEditor.Outcome Edit(Campaign campaign, string patch) =>
        CampaignEditor.Edit(campaign, JsonNode.Parse(patch)!.AsObject(), All, Now);

    public static TheoryData<string, string> CountChangingPatches => new()
    {
        { """{"poll":{"options":[{"id":"o1","label":"Chocolate"},{"id":"o2","label":"Vanilla"}]}}""", "poll.options" },
        { """{"rules":{"votesPerVoter":2,"period":"campaign"}}""", "poll.rules" },
        { """{"poll":{"maxChoices":2}}""", "poll.maxChoices" },
        { """{"endsAt":"2026-06-02T00:00:00Z"}""", "endsAt" },
        { """{"startsAt":"2026-06-03T00:00:00Z"}""", "startsAt" },
        { """{"contact":{"mode":"required","consentText":"Offers"}}""", "contact.mode" },
    };

    [Theory]
    [MemberData(nameof(CountChangingPatches))]
    public void ALivePollRefusesWhatWouldChangeACountAndSaysWhich(string patch, string field)
    {
        var outcome = Edit(Poll(CampaignStatus.Live), patch);

        Assert.Null(outcome.Stored);
        Assert.Contains(field, outcome.Refused!.Keys);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Refused[field].Single()));
    }

    [Theory]
    [MemberData(nameof(CountChangingPatches))]
    public void ADraftTakesTheSamePatches(string patch, string field)
    {
        var outcome = Edit(Poll(CampaignStatus.Draft), patch);

        Assert.True(outcome.Stored is not null, $"{field}: {string.Join("; ", outcome.Invalid?.Select(e => e.Key + " " + string.Join(",", e.Value)) ?? [])}");
    }

    [Theory]
    [InlineData("""{"title":"New words","description":"Typo fixed"}""")]
    [InlineData("""{"endsAt":"2026-07-01T00:00:00Z"}""")]
    [InlineData("""{"endsAt":null}""")]
    [InlineData("""{"locale":"he"}""")]
    [InlineData("""{"poll":{"options":[{"id":"o1","label":"Dark chocolate"},{"id":"o2","label":"Vanilla"},{"id":"o3","label":"Strawberry"},{"id":"o4","label":"Mint"}]}}""")]
    [InlineData("""{"poll":{"hideResultsUntilClosed":true}}""")]
    public void ALivePollTakesTextsALaterEndAndAddedOptions(string patch)
    {
        var outcome = Edit(Poll(CampaignStatus.Live), patch);

        Assert.NotNull(outcome.Stored);
    }

    [Fact]
    public void AClosedCampaignsEndCannotMove() =>
        Assert.Contains("endsAt", Edit(Poll(CampaignStatus.Closed), """{"endsAt":"2026-07-01T00:00:00Z"}""").Refused!.Keys);

    [Fact]
    public void NullRemovesAndNestedObjectsMerge()
    {
        var outcome = Edit(Poll(CampaignStatus.Draft), """{"description":null,"poll":{"rules":{"votesPerVoter":3}}}""");
        var edited = outcome.Stored!.Campaign;

        Assert.Null(edited.Description);
        Assert.Equal(new VotingRules(3, VotingPeriod.Campaign), edited.SettingsAs<PollSettings>().Rules);
        Assert.Equal(3, edited.SettingsAs<PollSettings>().Options.Count);
    }

    [Fact]
    public void SlugAndKindNeverChange()
    {
        var outcome = Edit(Poll(CampaignStatus.Draft), """{"slug":"elsewhere","kind":"survey"}""");

        Assert.Superset(new HashSet<string> { "slug", "kind" }, outcome.Refused!.Keys.ToHashSet());
    }

    [Fact]
    public void APatchedEndInThePastIsInvalidEvenInADraft() =>
        Assert.Contains("endsAt", Edit(Poll(CampaignStatus.Draft), """{"endsAt":"2026-05-01T00:00:00Z"}""").Invalid!.Keys);

    [Fact]
    public void MergePatchFollowsRfc7396()
    {
        var target = JsonNode.Parse("""{"a":"b","c":{"d":"e","f":"g"},"h":[1,2]}""");
        var patched = MergePatch.Apply(target, JsonNode.Parse("""{"a":"z","c":{"f":null},"h":[3],"i":{"j":1}}"""));

        Assert.Equal("""{"a":"z","c":{"d":"e"},"h":[3],"i":{"j":1}}""", patched!.ToJsonString());
        Assert.Equal("""{"a":"b","c":{"d":"e","f":"g"},"h":[1,2]}""", target!.ToJsonString());
    }
}
