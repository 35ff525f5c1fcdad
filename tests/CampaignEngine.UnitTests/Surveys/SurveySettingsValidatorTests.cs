using CampaignEngine.Kinds;
using CampaignEngine.Surveys;
using static CampaignEngine.UnitTests.Surveys.Surveys;

namespace CampaignEngine.UnitTests.Surveys;

public sealed class SurveySettingsValidatorTests
{
    private const string Choice = """{ "id": "dish", "type": "single", "text": "Dish?", "options": [ { "id": "a", "label": "A" }, { "id": "b", "label": "B" } ] }""";

    private static string TwoPages(string firstExtra, string second, string jumps = "") => $$"""
        { "pages": [
          { "id": "one", "questions": [ {{Choice}}{{firstExtra}} ]{{jumps}} },
          { "id": "two", "questions": [ {{second}} ] },
          { "id": "three", "questions": [ { "id": "last", "type": "shortText", "text": "Anything else?" } ] }
        ] }
        """;

    [Fact]
    public void TheOpenApiExampleIsAValidTwoPageSurveyWithLogic()
    {
        var survey = Valid(Example);

        Assert.Equal(["visit", "better"], survey.Pages.Select(p => p.Id));
        Assert.Equal(["dish", "nps", "why", "visits"], survey.Questions.Select(q => q.Id));
        Assert.Equal(new SurveyJump(new SurveyCondition("nps", ConditionOperator.GreaterThan, "8"), "end"), survey.Pages[0].Jumps.Single());
        Assert.Equal(new SurveyCondition("nps", ConditionOperator.LessThan, "7"), survey.FindQuestion("visits")!.ShowIf);
        Assert.True(survey.FindQuestion("dish")!.AllowOther);
    }

    [Fact]
    public void DescribingTheSettingsAndReadingThemAgainGivesTheSameSurvey()
    {
        var survey = Valid(Example);
        var again = SurveySettingsValidator.Validate(SurveySettingsShape.Describe(survey), new FieldErrors())!;

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(survey, EngineJson.Options), System.Text.Json.JsonSerializer.Serialize(again, EngineJson.Options));
    }

    [Fact]
    public void IdsAreGivenWhereTheMarketerLeftThemOut()
    {
        var survey = Valid("""{ "pages": [ { "questions": [ { "type": "multiple", "text": "Pick", "options": [ { "label": "X" }, { "label": "Y" } ] }, { "type": "nps", "text": "NPS" } ] } ] }""");

        Assert.Equal("p1", survey.Pages[0].Id);
        Assert.Equal(["q1", "q2"], survey.Questions.Select(q => q.Id));
        Assert.Equal(["o1", "o2"], survey.Questions.First().Options.Select(o => o.Id));
    }

    [Fact]
    public void AConditionOnALaterQuestionIsRefused()
    {
        var forward = TwoPages(""",{ "id": "early", "type": "shortText", "text": "Why?", "showIf": { "question": "rate", "operator": "answered" } }""",
            """{ "id": "rate", "type": "rating", "text": "Rate" }""");

        var (settings, errors) = Check(forward);

        Assert.Null(settings);
        Assert.Contains("pages[0].questions[1].showIf.question", errors.Keys);
    }

    [Fact]
    public void AShowIfOnTheSamePageIsRefusedBecauseAPageWithoutJavaScriptCannotReactToIt()
    {
        var samePage = TwoPages(""",{ "id": "why", "type": "shortText", "text": "Why?", "showIf": { "question": "dish", "operator": "equals", "value": "a" } }""",
            """{ "id": "rate", "type": "rating", "text": "Rate" }""");

        Assert.Contains("pages[0].questions[1].showIf.question", Check(samePage).Errors.Keys);
    }

    [Theory]
    [InlineData("one")]
    [InlineData("two")]
    public void AJumpBackOrToItsOwnPageIsRefusedSoTheLogicHasNoCycle(string target)
    {
        var survey = $$"""
            { "pages": [
              { "id": "one", "questions": [ {{Choice}} ] },
              { "id": "two", "questions": [ { "id": "rate", "type": "rating", "text": "Rate" } ],
                "jumps": [ { "if": { "question": "rate", "operator": "lessThan", "value": "3" }, "to": "{{target}}" } ] }
            ] }
            """;

        var (settings, errors) = Check(survey);

        Assert.Null(settings);
        Assert.Equal(["pages[1].jumps[0].to"], errors.Keys);
    }

    [Fact]
    public void AJumpToAPageThatDoesNotExistIsRefused() =>
        Assert.Contains("pages[0].jumps[0].to",
            Check(TwoPages("", """{ "id": "rate", "type": "rating", "text": "Rate" }""", """, "jumps": [ { "if": { "question": "dish", "operator": "equals", "value": "a" }, "to": "nowhere" } ]""")).Errors.Keys);

    [Theory]
    [InlineData("""{ "question": "dish", "operator": "greaterThan", "value": "3" }""", "operator")]
    [InlineData("""{ "question": "dish", "operator": "equals", "value": "zzz" }""", "value")]
    [InlineData("""{ "question": "dish", "operator": "equals" }""", "value")]
    [InlineData("""{ "question": "dish", "operator": "between", "value": "a" }""", "operator")]
    [InlineData("""{ "question": "nobody", "operator": "answered" }""", "question")]
    public void AConditionThatCouldNeverBeJudgedIsRefusedNamingWhatIsWrong(string condition, string field) =>
        Assert.Contains($"pages[1].questions[0].showIf.{field}",
            Check(TwoPages("", $$"""{ "id": "rate", "type": "rating", "text": "Rate", "showIf": {{condition}} }""")).Errors.Keys);

    [Theory]
    [InlineData("""{ "type": "shortText", "text": "T", "options": [ { "label": "A" }, { "label": "B" } ] }""", "options")]
    [InlineData("""{ "type": "single", "text": "T", "options": [ { "label": "A" } ] }""", "options")]
    [InlineData("""{ "type": "single", "text": "T", "options": [ { "label": "A" }, { "label": "a" } ] }""", "options")]
    [InlineData("""{ "type": "single", "text": "T", "allowOther": true, "options": [ { "id": "other", "label": "A" }, { "label": "B" } ] }""", "options")]
    [InlineData("""{ "type": "rating", "text": "T", "max": 20 }""", "max")]
    [InlineData("""{ "type": "multiple", "text": "T", "min": 3, "options": [ { "label": "A" }, { "label": "B" } ] }""", "min")]
    [InlineData("""{ "type": "longText", "text": "T", "max": 9000 }""", "max")]
    [InlineData("""{ "type": "number", "text": "T", "min": 0.001 }""", "min")]
    [InlineData("""{ "type": "email", "text": "T", "public": true }""", "public")]
    [InlineData("""{ "type": "matrix", "text": "T", "rows": [ { "label": "R" } ], "columns": [ { "label": "Only" } ] }""", "columns")]
    [InlineData("""{ "type": "slider", "text": "T" }""", "type")]
    public void EachTypeTakesOnlyTheSettingsThatFitIt(string question, string field) =>
        Assert.Contains($"pages[0].questions[0].{field}", Check($$"""{ "pages": [ { "questions": [ {{question}} ] } ] }""").Errors.Keys);

    [Fact]
    public void TwoQuestionsWithOneIdAreRefused() =>
        Assert.Contains("pages[0].questions[1].id", Check($$"""{ "pages": [ { "questions": [ {{Choice}}, {{Choice}} ] } ] }""").Errors.Keys);

    [Fact]
    public void OnceLiveAQuestionKeepsItsTypeAndItsOptionsButMayBeRelabelledAndJoined()
    {
        var before = Valid(Example);
        var relabelled = Valid(Example.Replace("Gazpacho", "Cold gazpacho").Replace("\"responsesPerDevice\":1", "\"responsesPerDevice\":1"));
        var refusals = new FieldErrors();
        SurveySettingsShape.CheckLiveChange(before, relabelled, refusals);
        Assert.False(refusals.Any);

        var withoutAnOption = Valid(Example.Replace("""{"id":"ceviche","label":"Ceviche"}""", """{"id":"tapas","label":"Tapas"}"""));
        SurveySettingsShape.CheckLiveChange(before, withoutAnOption, refusals);
        Assert.Contains("ceviche", Assert.Single(refusals.ToDictionary()["pages"]));
    }
}
