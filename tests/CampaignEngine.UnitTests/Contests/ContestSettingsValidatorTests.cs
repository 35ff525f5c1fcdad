using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Api;
using CampaignEngine.Campaigns;
using CampaignEngine.Contests;
using CampaignEngine.Kinds;

namespace CampaignEngine.UnitTests.Contests;

public sealed class ContestSettingsValidatorTests
{
    private static readonly string Example = OpenApiExampleAttribute.For(typeof(ContestSettingsRequest))!.ToJsonString();

    private const string OneCriterion = """[{ "label": "Style" }]""";

    private static (ContestSettings? Settings, Dictionary<string, string[]> Errors) Check(JsonNode section)
    {
        var request = section.Deserialize<ContestSettingsRequest>(EngineJson.Strict)!;
        var errors = new FieldErrors();
        var settings = ContestSettingsValidator.Validate(request, errors);
        return (settings, errors.ToDictionary());
    }

    private static ContestSettings Valid(JsonNode section)
    {
        var (settings, errors) = Check(section);
        Assert.Empty(errors);
        return Assert.IsType<ContestSettings>(settings);
    }

    private static ContestSettings Valid(string section) => Valid(JsonNode.Parse(section)!);

    private static Dictionary<string, string[]> Invalid(JsonNode section)
    {
        var (settings, errors) = Check(section);
        Assert.Null(settings);
        Assert.NotEmpty(errors);
        return errors;
    }

    private static Dictionary<string, string[]> Invalid(string section) => Invalid(JsonNode.Parse(section)!);

    /// <summary>A section with one field set, at a dotted path: <c>voting.votesPerEntry</c>.</summary>
    private static JsonObject At(string path, JsonNode? value, string? onto = null)
    {
        JsonNode? node = value;
        foreach (var name in path.Split('.').Reverse()) node = new JsonObject { [name] = node };
        return (JsonObject)MergePatch.Apply(JsonNode.Parse(onto ?? "{}"), node)!;
    }

    private static JsonObject Described(ContestSettings settings) =>
        JsonSerializer.SerializeToNode(ContestSettingsValidator.Describe(settings), EngineJson.Options)!.AsObject();

    private static JsonNode? Get(JsonNode node, string path) => path.Split('.').Aggregate((JsonNode?)node, (n, name) => n?[name]);

    private static ContestSettings Patched(ContestSettings settings, string patch) =>
        Valid(MergePatch.Apply(Described(settings), JsonNode.Parse(patch))!);

    private static void AssertSameSettings(ContestSettings expected, ContestSettings actual)
    {
        var noCriteria = Array.Empty<JuryCriterion>();
        Assert.Equal(expected with { Criteria = noCriteria }, actual with { Criteria = noCriteria });
        Assert.Equal(expected.Criteria, actual.Criteria);
    }

    [Fact]
    public void AnEmptySectionGivesTheDocumentedDefaults()
    {
        var settings = Valid("{}");

        Assert.Equal(EntryType.Text, settings.EntryType);
        Assert.Equal(80, settings.TitleMaxLength);
        Assert.Equal(500, settings.CaptionMaxLength);
        Assert.Equal(1, settings.EntriesPerParticipant);
        Assert.Equal(new TimeWindow(null, null), settings.EntryWindow);
        Assert.Equal(new TimeWindow(null, null), settings.VotingWindow);
        Assert.Equal(ModerationMode.Pre, settings.Moderation);
        Assert.Equal(5, settings.FlagThreshold);
        Assert.Equal(new ContestVoting(1, VotingPeriod.Campaign), settings.Voting);
        Assert.Equal(new WinnerRule(WinnerBasis.Votes, 3, 0.5), settings.Winners);
        Assert.Empty(settings.Criteria);
    }

    [Fact]
    public void EmptyVotingAndWinnersObjectsGiveTheirDefaults()
    {
        var settings = Valid("""{ "voting": {}, "winners": {}, "entryWindow": {}, "votingWindow": {} }""");

        Assert.Equal(new ContestVoting(1, VotingPeriod.Campaign), settings.Voting);
        Assert.Equal(new WinnerRule(WinnerBasis.Votes, 3, 0.5), settings.Winners);
        Assert.Equal(new TimeWindow(null, null), settings.EntryWindow);
    }

    [Fact]
    public void TheOpenApiExampleIsAValidTextContest()
    {
        var settings = Valid(Example);

        Assert.Equal(EntryType.Text, settings.EntryType);
        Assert.Equal(3, settings.EntriesPerParticipant);
        Assert.Equal(ModerationMode.Pre, settings.Moderation);
        Assert.Equal(new ContestVoting(1, VotingPeriod.Day, PerDay: 10, PerCampaign: 100), settings.Voting);
        Assert.Equal(new WinnerRule(WinnerBasis.Blend, 3, 0.4), settings.Winners);
        Assert.Equal(["creativity", "composition", "c1"], settings.Criteria.Select(c => c.Id));
        // No dates: the example works whenever it is tried (the campaign's own dates bound it).
        Assert.Equal(new TimeWindow(null, null), settings.EntryWindow);
    }

    [Theory]
    [InlineData("titleMaxLength", 1)]
    [InlineData("titleMaxLength", 200)]
    [InlineData("captionMaxLength", 0)]
    [InlineData("captionMaxLength", 5000)]
    [InlineData("entriesPerParticipant", 1)]
    [InlineData("entriesPerParticipant", 100)]
    [InlineData("flagThreshold", 1)]
    [InlineData("flagThreshold", 1000)]
    [InlineData("voting.votesPerEntry", 1)]
    [InlineData("voting.votesPerEntry", 100)]
    [InlineData("voting.perDay", 1)]
    [InlineData("voting.perDay", 100_000)]
    [InlineData("voting.perCampaign", 1)]
    [InlineData("voting.perCampaign", 100_000)]
    [InlineData("winners.count", 1)]
    [InlineData("winners.count", 100)]
    public void ANumberAtTheEdgeOfItsRangeIsKept(string path, int value)
    {
        var settings = Valid(At(path, value));
        Assert.Equal(value, Get(Described(settings), path)!.GetValue<int>());
    }

    [Theory]
    [InlineData("titleMaxLength", 0, "Between 1 and 200.")]
    [InlineData("titleMaxLength", 201, "Between 1 and 200.")]
    [InlineData("captionMaxLength", -1, "Between 0 and 5000.")]
    [InlineData("captionMaxLength", 5001, "Between 0 and 5000.")]
    [InlineData("entriesPerParticipant", 0, "Between 1 and 100.")]
    [InlineData("entriesPerParticipant", 101, "Between 1 and 100.")]
    [InlineData("flagThreshold", 0, "Between 1 and 1000.")]
    [InlineData("flagThreshold", 1001, "Between 1 and 1000.")]
    [InlineData("voting.votesPerEntry", 0, "Between 1 and 100.")]
    [InlineData("voting.votesPerEntry", 101, "Between 1 and 100.")]
    [InlineData("voting.perDay", 0, "Between 1 and 100000, or null for no daily cap.")]
    [InlineData("voting.perCampaign", 100_001, "Between 1 and 100000, or null for no cap.")]
    [InlineData("winners.count", 0, "Between 1 and 100.")]
    [InlineData("winners.count", 101, "Between 1 and 100.")]
    public void ANumberJustOutsideItsRangeIsRefusedByName(string path, int value, string message)
    {
        var errors = Invalid(At(path, value));
        Assert.Equal([path], errors.Keys);
        Assert.Equal([message], errors[path]);
    }

    private const string Blend = $$"""{ "winners": { "basis": "blend" }, "criteria": {{OneCriterion}} }""";

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void APublicWeightFromZeroToOneIsKept(double weight) =>
        Assert.Equal(weight, Valid(At("winners.publicWeight", weight, Blend)).Winners.PublicWeight);

    public static TheoryData<double> WeightsJustOutside => new() { Math.BitDecrement(0.0), Math.BitIncrement(1.0) };

    [Theory]
    [MemberData(nameof(WeightsJustOutside))]
    public void APublicWeightJustOutsideZeroToOneIsRefused(double weight) =>
        Assert.Equal(["winners.publicWeight"], Invalid(At("winners.publicWeight", weight, Blend)).Keys);

    [Fact]
    public void ABlendWithoutAPublicWeightSplitsEvenly() => Assert.Equal(0.5, Valid(Blend).Winners.PublicWeight);

    [Theory]
    [InlineData("entryType", "video", "Use 'text', 'photo' or 'both'.")]
    [InlineData("entryType", "Photo", "Use 'text', 'photo' or 'both'.")]
    [InlineData("moderation", "none", "Use 'pre' or 'post'.")]
    [InlineData("voting.period", "week", "Use 'campaign' or 'day'.")]
    [InlineData("winners.basis", "random", "Use 'votes', 'jury' or 'blend'.")]
    public void AnUnknownChoiceIsRefusedWithTheAllowedValues(string path, string value, string message)
    {
        var errors = Invalid(At(path, value));
        Assert.Equal([path], errors.Keys);
        Assert.Equal([message], errors[path]);
    }

    [Fact]
    public void EveryAllowedChoiceIsRead()
    {
        Assert.Equal(EntryType.Both, Valid("""{ "entryType": "both" }""").EntryType);
        Assert.Equal(EntryType.Text, Valid("""{ "entryType": "text" }""").EntryType);
        Assert.Equal(ModerationMode.Post, Valid("""{ "moderation": "post" }""").Moderation);
        Assert.Equal(VotingPeriod.Campaign, Valid("""{ "voting": { "period": "campaign" } }""").Voting.Period);
        Assert.Equal(WinnerBasis.Votes, Valid("""{ "winners": { "basis": "votes" } }""").Winners.Basis);
        Assert.Equal(WinnerBasis.Jury, Valid($$"""{ "winners": { "basis": "jury" }, "criteria": {{OneCriterion}} }""").Winners.Basis);
    }

    [Fact]
    public void ErrorsAreNamedWithinTheSectionTheCoreGivesTheKind()
    {
        var errors = new FieldErrors();
        var request = JsonNode.Parse("""{ "voting": { "votesPerEntry": 0 }, "criteria": [{ "label": "" }], "winners": { "basis": "jury" } }""")
            .Deserialize<ContestSettingsRequest>(EngineJson.Strict)!;

        Assert.Null(ContestSettingsValidator.Validate(request, errors.Within("contest")));
        Assert.Equal(["contest.criteria[0].label", "contest.voting.votesPerEntry"], errors.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData("""{ "entryWindow": { "opensAt": "2026-06-01T09:00:00Z" } }""")]
    [InlineData("""{ "entryWindow": { "closesAt": "2026-06-01T09:00:00Z" } }""")]
    [InlineData("""{ "votingWindow": { "opensAt": "2026-06-01T09:00:00Z" } }""")]
    [InlineData("""{ "votingWindow": { "closesAt": "2026-06-01T09:00:00Z" } }""")]
    [InlineData("""{ "entryWindow": { "opensAt": "2026-06-01T09:00:00Z", "closesAt": "2026-06-01T09:00:01Z" } }""")]
    [InlineData("""{ "votingWindow": { "opensAt": "2026-06-01T09:00:00Z", "closesAt": "2026-06-01T09:00:01Z" } }""")]
    public void AWindowMayLeaveEitherEndOpenAndLastAnyLength(string section)
    {
        var settings = Valid(section);
        var given = JsonNode.Parse(section)!.AsObject().Single();
        var window = given.Key == "entryWindow" ? settings.EntryWindow : settings.VotingWindow;
        Assert.Equal(given.Value!["opensAt"]?.GetValue<DateTimeOffset>(), window.OpensAt);
        Assert.Equal(given.Value!["closesAt"]?.GetValue<DateTimeOffset>(), window.ClosesAt);
    }

    [Theory]
    [InlineData("entryWindow", "2026-06-01T09:00:00Z")]
    [InlineData("entryWindow", "2026-06-01T08:59:59Z")]
    [InlineData("votingWindow", "2026-06-01T09:00:00Z")]
    [InlineData("votingWindow", "2026-06-01T08:59:59Z")]
    public void AWindowMustCloseAfterItOpens(string window, string closesAt)
    {
        var section = JsonNode.Parse($$"""{ "{{window}}": { "opensAt": "2026-06-01T09:00:00Z", "closesAt": "{{closesAt}}" } }""")!;
        var errors = Invalid(section);
        Assert.Equal([$"{window}.closesAt"], errors.Keys);
        Assert.Equal(["Must be later than opensAt."], errors[$"{window}.closesAt"]);
    }

    [Theory]
    [InlineData("2026-06-08T00:00:00Z", "2026-06-28T00:00:00Z")] // opens during entries, closes after
    [InlineData("2026-06-05T00:00:00Z", "2026-06-10T00:00:00Z")] // entirely within the entry window
    [InlineData("2026-05-25T00:00:00Z", "2026-06-01T00:00:01Z")] // opens before entries and closes just after they open
    [InlineData("2026-06-01T00:00:00Z", "2026-06-21T00:00:00Z")] // the same window
    public void VotingMayOverlapTheEntryWindow(string opensAt, string closesAt)
    {
        var settings = Valid($$"""
            {
              "entryWindow": { "opensAt": "2026-06-01T00:00:00Z", "closesAt": "2026-06-21T00:00:00Z" },
              "votingWindow": { "opensAt": "{{opensAt}}", "closesAt": "{{closesAt}}" }
            }
            """);
        Assert.Equal(DateTimeOffset.Parse(closesAt), settings.VotingWindow.ClosesAt);
    }

    [Theory]
    [InlineData("2026-06-01T00:00:00Z")]
    [InlineData("2026-05-31T23:59:59Z")]
    public void VotingMustNotCloseBeforeEntriesOpen(string closesAt)
    {
        var errors = Invalid($$"""
            { "entryWindow": { "opensAt": "2026-06-01T00:00:00Z" }, "votingWindow": { "closesAt": "{{closesAt}}" } }
            """);
        Assert.Equal(["votingWindow.closesAt"], errors.Keys);
    }

    [Fact]
    public void WindowEndsAreComparedAsInstantsWhateverTheirOffsets()
    {
        // 09:00 in Warsaw is 07:00 UTC, so voting closing at 08:00 UTC is after entries open.
        var settings = Valid("""
            { "entryWindow": { "opensAt": "2026-06-01T09:00:00+02:00" }, "votingWindow": { "closesAt": "2026-06-01T08:00:00+00:00" } }
            """);
        Assert.True(settings.VotingWindow.ClosesAt > settings.EntryWindow.OpensAt);
        Assert.Contains("votingWindow.closesAt", Invalid("""
            { "entryWindow": { "opensAt": "2026-06-01T09:00:00+02:00" }, "votingWindow": { "closesAt": "2026-06-01T06:00:00+00:00" } }
            """).Keys);
    }

    [Theory]
    [InlineData("""{ "winners": { "basis": "jury" } }""")]
    [InlineData("""{ "winners": { "basis": "jury" }, "criteria": [] }""")]
    [InlineData("""{ "winners": { "basis": "blend" } }""")]
    [InlineData("""{ "winners": { "basis": "blend" }, "criteria": [] }""")]
    public void AJuryNeedsAtLeastOneCriterion(string section) => Assert.Equal(["criteria"], Invalid(section).Keys);

    [Theory]
    [InlineData($$"""{ "winners": { "basis": "votes" }, "criteria": {{OneCriterion}} }""")]
    [InlineData($$"""{ "criteria": {{OneCriterion}} }""")]
    public void CriteriaAreRefusedWhenOnlyVotesCount(string section)
    {
        var errors = Invalid(section);
        Assert.Equal(["criteria"], errors.Keys);
        Assert.Contains("'votes'", errors["criteria"].Single());
    }

    [Fact]
    public void AnEmptyListOfCriteriaIsNoCriteriaWhenOnlyVotesCount() =>
        Assert.Empty(Valid("""{ "winners": { "basis": "votes" }, "criteria": [] }""").Criteria);

    [Theory]
    [InlineData("""{ "winners": { "publicWeight": 0.5 } }""")]
    [InlineData("""{ "winners": { "basis": "votes", "publicWeight": 0.3 } }""")]
    [InlineData($$"""{ "winners": { "basis": "jury", "publicWeight": 0.3 }, "criteria": {{OneCriterion}} }""")]
    public void APublicWeightIsOnlyForABlend(string section) => Assert.Equal(["winners.publicWeight"], Invalid(section).Keys);

    [Fact]
    public void AnInvalidBasisDoesNotAlsoBlameTheCriteria() =>
        Assert.Equal(["winners.basis"], Invalid($$"""{ "winners": { "basis": "judges" }, "criteria": {{OneCriterion}} }""").Keys);

    private static string CriteriaSection(string criteria) => $$"""{ "winners": { "basis": "jury" }, "criteria": {{criteria}} }""";

    [Fact]
    public void CriteriaWithoutIdsGetTheFirstFreeOfC1C2()
    {
        var settings = Valid(CriteriaSection("""[{ "label": "Creativity" }, { "id": "c1", "label": "Composition" }, { "label": "  Fits the theme " }]"""));

        Assert.Equal(
            [new JuryCriterion("c2", "Creativity"), new JuryCriterion("c1", "Composition"), new JuryCriterion("c3", "Fits the theme")],
            settings.Criteria);
    }

    [Theory]
    [InlineData("Bad Id")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void ACriterionIdMustLookLikeAnOptionId(string id)
    {
        var errors = Invalid(CriteriaSection($$"""[{ "id": "{{id}}", "label": "Style" }]"""));
        Assert.Equal(["criteria[0].id"], errors.Keys);
    }

    [Fact]
    public void ACriterionIdOfThirtyTwoCharactersIsKept() =>
        Assert.Equal("abcdefghijklmnopqrstuvwxyz012345", Valid(CriteriaSection("""[{ "id": "abcdefghijklmnopqrstuvwxyz012345", "label": "Style" }]""")).Criteria[0].Id);

    [Fact]
    public void DuplicateIdsAndLabelsAreNamedByIndex()
    {
        var errors = Invalid(CriteriaSection("""[{ "id": "style", "label": "Style" }, { "id": "style", "label": " STYLE " }, { "label": "Theme" }]"""));

        Assert.Equal(["criteria[1].id", "criteria[1].label"], errors.Keys.Order());
        Assert.Equal(["Duplicate label."], errors["criteria[1].label"]);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void ALabelHasOneToAHundredCharacters(int length, bool valid)
    {
        var section = CriteriaSection($$"""[{ "label": "{{new string('x', length)}}" }]""");
        if (valid) Assert.Equal(length, Valid(section).Criteria[0].Label.Length);
        else Assert.Equal(["At most 100 characters."], Invalid(section)["criteria[0].label"]);
    }

    [Theory]
    [InlineData("""[{ "label": "" }]""", "criteria[0].label")]
    [InlineData("""[{ "label": "   " }]""", "criteria[0].label")]
    [InlineData("""[{ "id": "style" }]""", "criteria[0].label")]
    [InlineData("""[{ "label": "Bell\u0007" }]""", "criteria[0].label")]
    [InlineData("""[null]""", "criteria[0]")]
    public void ACriterionNeedsAPlainLabel(string criteria, string field) =>
        Assert.Equal([field], Invalid(CriteriaSection(criteria)).Keys);

    private static string Labels(int count) => JsonSerializer.Serialize(Enumerable.Range(1, count).Select(i => new { label = $"Criterion {i}" }));

    [Fact]
    public void AtMostTenCriteria()
    {
        Assert.Equal(10, Valid(CriteriaSection(Labels(10))).Criteria.Count);
        Assert.Equal(["criteria"], Invalid(CriteriaSection(Labels(11))).Keys);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "entryType": "both", "captionMaxLength": 0, "moderation": "post", "voting": { "votesPerEntry": 5, "period": "day" } }""")]
    [InlineData("""{ "voting": { "votesPerEntry": 2, "perDay": 10, "perCampaign": 50 } }""")]
    [InlineData("""{ "entryWindow": { "closesAt": "2026-06-21T00:00:00+02:00" }, "votingWindow": { "opensAt": "2026-06-08T00:00:00-05:00" } }""")]
    [InlineData("""{ "winners": { "basis": "jury", "count": 10 }, "criteria": [{ "label": "Style" }, { "id": "fun", "label": "Fun" }] }""")]
    [InlineData($$"""{ "winners": { "basis": "blend", "publicWeight": 0 }, "criteria": {{OneCriterion}} }""")]
    public void DescribedSettingsReadBackAsTheSameSettings(string section)
    {
        var settings = Valid(section);
        AssertSameSettings(settings, Patched(settings, "{}"));
    }

    [Fact]
    public void TheExampleReadsBackAsTheSameSettings()
    {
        var settings = Valid(Example);
        AssertSameSettings(settings, Patched(settings, "{}"));
    }

    [Fact]
    public void APatchChangesOnlyWhatItNames()
    {
        var settings = Valid(Example);

        var patched = Patched(settings, """{ "flagThreshold": 9, "winners": { "count": 5 }, "votingWindow": { "closesAt": null } }""");

        AssertSameSettings(settings with
        {
            FlagThreshold = 9,
            Winners = settings.Winners with { Count = 5 },
            VotingWindow = settings.VotingWindow with { ClosesAt = null },
        }, patched);
    }

    [Fact]
    public void LeavingTheBlendForVotesMeansRemovingTheWeightAndTheCriteria()
    {
        var settings = Valid(Example);
        var described = Described(settings);

        var errors = Invalid(MergePatch.Apply(described, JsonNode.Parse("""{ "winners": { "basis": "votes" } }"""))!);
        Assert.Equal(["criteria", "winners.publicWeight"], errors.Keys.Order());

        var votes = Patched(settings, """{ "winners": { "basis": "votes", "publicWeight": null }, "criteria": null }""");
        Assert.Equal(new WinnerRule(WinnerBasis.Votes, 3, 0.5), votes.Winners);
        Assert.Empty(votes.Criteria);
    }

    [Fact]
    public void ADailyCapOverTheContestsCapIsRefusedAndEqualOnesAreKept()
    {
        Assert.Equal(["voting.perDay"], Invalid(JsonNode.Parse("""{ "voting": { "perDay": 6, "perCampaign": 5 } }""")!).Keys);
        Assert.Equal(new ContestVoting(1, VotingPeriod.Campaign, 5, 5), Valid("""{ "voting": { "perDay": 5, "perCampaign": 5 } }""").Voting);
    }

    [Fact]
    public void OnceFansHaveVotedTheCapsAcrossEntriesStay()
    {
        var before = Valid("""{ "voting": { "perDay": 5 } }""");
        var refused = new FieldErrors();

        ContestSettingsValidator.CheckLiveChange(before, before with { Voting = before.Voting with { PerDay = 6, PerCampaign = 20 } }, refused);

        Assert.Equal(["voting.perCampaign", "voting.perDay"], refused.ToDictionary().Keys.Order());
    }

    [Fact]
    public void DescribeShowsNoWeightOrCriteriaWhereTheyDoNotApply()
    {
        var described = ContestSettingsValidator.Describe(Valid("{}"));
        Assert.Null(described.Winners!.PublicWeight);
        Assert.Null(described.Criteria);
    }

    private static readonly ContestSettings Live = Valid(Example);

    [Theory]
    [InlineData("""{ "entryType": "both" }""", "entryType")]
    [InlineData("""{ "entriesPerParticipant": 4 }""", "entriesPerParticipant")]
    [InlineData("""{ "entriesPerParticipant": 1 }""", "entriesPerParticipant")]
    [InlineData("""{ "voting": { "votesPerEntry": 2 } }""", "voting.votesPerEntry")]
    [InlineData("""{ "voting": { "period": "campaign" } }""", "voting.period")]
    [InlineData("""{ "winners": { "basis": "jury", "publicWeight": null } }""", "winners.basis")]
    [InlineData("""{ "winners": { "publicWeight": 0.6 } }""", "winners.publicWeight")]
    [InlineData("""{ "criteria": [{ "id": "creativity", "label": "Creativity" }, { "id": "c1", "label": "Fits the summer theme" }] }""", "criteria")]
    public void WhatFansTookPartUnderCannotChangeOnceLive(string patch, string field)
    {
        var refused = new FieldErrors();
        ContestSettingsValidator.CheckLiveChange(Live, Patched(Live, patch), refused);

        var refusals = refused.ToDictionary();
        Assert.Equal([field], refusals.Keys);
        var reason = Assert.Single(refusals[field]);
        Assert.EndsWith(".", reason);
        Assert.DoesNotContain(". ", reason);
    }

    [Fact]
    public void ARefusedRemovalNamesTheRemovedCriteria()
    {
        var refused = new FieldErrors();
        ContestSettingsValidator.CheckLiveChange(Live, Patched(Live, """{ "criteria": [{ "id": "creativity", "label": "Creativity" }] }"""), refused);

        var reason = refused.ToDictionary()["criteria"].Single();
        Assert.Contains("composition, c1", reason);
        Assert.DoesNotContain("creativity", reason);
    }

    [Theory]
    [InlineData("""{ "entryWindow": { "closesAt": "2026-06-25T23:59:00+02:00" }, "votingWindow": { "opensAt": null } }""")]
    [InlineData("""{ "moderation": "post" }""")]
    [InlineData("""{ "flagThreshold": 20 }""")]
    [InlineData("""{ "titleMaxLength": 100, "captionMaxLength": 0 }""")]
    [InlineData("""{ "winners": { "count": 5 } }""")]
    [InlineData("""{ "criteria": [{ "id": "creativity", "label": "Creativity" }, { "id": "composition", "label": "Composition" }, { "id": "c1", "label": "Fits the summer theme" }, { "label": "Originality" }] }""")]
    [InlineData("""{ "criteria": [{ "id": "c1", "label": "Theme" }, { "id": "creativity", "label": "Most creative" }, { "id": "composition", "label": "Composition" }] }""")]
    public void DatesModerationLimitsAndNewOrRelabelledCriteriaMayChangeOnceLive(string patch)
    {
        var after = Patched(Live, patch);
        Assert.NotEqual(Described(Live).ToJsonString(), Described(after).ToJsonString());

        var refused = new FieldErrors();
        ContestSettingsValidator.CheckLiveChange(Live, after, refused);

        Assert.Empty(refused.ToDictionary());
    }

    [Fact]
    public void AnUnchangedContestHasNothingToRefuse()
    {
        var refused = new FieldErrors();
        ContestSettingsValidator.CheckLiveChange(Live, Patched(Live, "{}"), refused);
        Assert.False(refused.Any);
    }
}
