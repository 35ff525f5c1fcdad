using CampaignEngine.Surveys;
using CsCheck;
using static CampaignEngine.UnitTests.Surveys.Surveys;

namespace CampaignEngine.UnitTests.Surveys;

public sealed class SurveyFlowTests
{
    /// <summary>Three pages: a low score skips to the end from page one; page two asks why only of fans who picked "other".</summary>
    private static readonly SurveySettings Survey = Valid("""
        { "pages": [
          { "id": "one", "questions": [
              { "id": "score", "type": "nps", "text": "Recommend?", "required": true },
              { "id": "food", "type": "multiple", "text": "What did you eat?", "allowOther": true, "options": [ { "id": "pizza", "label": "Pizza" }, { "id": "pasta", "label": "Pasta" } ] } ],
            "jumps": [ { "if": { "question": "score", "operator": "lessThan", "value": "3" }, "to": "end" },
                       { "if": { "question": "food", "operator": "contains", "value": "pasta" }, "to": "three" } ] },
          { "id": "two", "questions": [
              { "id": "why", "type": "shortText", "text": "What else?", "required": true, "showIf": { "question": "food", "operator": "contains", "value": "other" } },
              { "id": "again", "type": "single", "text": "Again?", "options": [ { "id": "yes", "label": "Yes" }, { "id": "no", "label": "No" } ] } ] },
          { "id": "three", "questions": [ { "id": "note", "type": "longText", "text": "Anything else?" } ] }
        ] }
        """);

    [Fact]
    public void ALowScoreEndsTheSurveyAfterTheFirstPageAndDropsAnswersOnPagesNeverReached()
    {
        var walk = SurveyFlow.Follow(Survey, Fields(("score", "2"), ("again", "yes"), ("note", "sneaked in")));

        Assert.Equal([0], walk.Path);
        Assert.Equal(["score"], walk.Answers.Keys);
        Assert.Empty(walk.Errors);
    }

    [Fact]
    public void AJumpSkipsToItsPageAndTheFirstJumpThatHoldsWins()
    {
        Assert.Equal([0, 2], SurveyFlow.Follow(Survey, Fields(("score", "9"), ("food", "pasta"))).Path);
        Assert.Equal([0], SurveyFlow.Follow(Survey, Fields(("score", "1"), ("food", "pasta"))).Path);
        Assert.Equal([0, 1, 2], SurveyFlow.Follow(Survey, Fields(("score", "9"), ("food", "pizza"))).Path);
    }

    [Fact]
    public void AHiddenRequiredQuestionIsNotRequiredAndAShownOneIs()
    {
        Assert.Empty(SurveyFlow.Follow(Survey, Fields(("score", "9"), ("food", "pizza"))).Errors);

        var shown = SurveyFlow.Follow(Survey, Fields(("score", "9"), ("food", "other"), ("food.other", "Soup")));
        Assert.Equal(("why", AnswerErrors.Required), (shown.Errors.Single().Question, shown.Errors.Single().Code));
        Assert.Equal(1, shown.FirstPageWithErrors(Survey));
    }

    [Fact]
    public void FollowingUpToAPageStopsThere()
    {
        var walk = SurveyFlow.Follow(Survey, Fields(("score", "9"), ("food", "pizza"), ("note", "x")), until: 0);

        Assert.Equal([0], walk.Path);
        Assert.Equal(1, SurveyFlow.NextPage(Survey, 0, walk.Answers));
    }

    private static readonly Gen<decimal> Scores = Gen.Int[0, 10].Select(i => (decimal)i);

    [Fact]
    public void ANumberIsEitherLessThanEqualToOrGreaterThanAValueAndNotEqualsIsEqualsNegated() =>
        Gen.Select(Scores, Scores).Sample((answer, value) =>
        {
            var answers = new Dictionary<string, SurveyAnswer> { ["score"] = new(Number: answer) };
            bool Holds(ConditionOperator op) => SurveyFlow.Holds(new SurveyCondition("score", op, value.ToString(System.Globalization.CultureInfo.InvariantCulture)), answers);

            Assert.Equal(1, new[] { Holds(ConditionOperator.LessThan), Holds(ConditionOperator.Equals), Holds(ConditionOperator.GreaterThan) }.Count(h => h));
            Assert.NotEqual(Holds(ConditionOperator.Equals), Holds(ConditionOperator.NotEquals));
            Assert.True(Holds(ConditionOperator.Answered));
        });

    [Fact]
    public void AnUnansweredQuestionMeetsNoCondition() =>
        Gen.Enum<ConditionOperator>().Sample(op =>
            Assert.False(SurveyFlow.Holds(new SurveyCondition("score", op, "5"), new Dictionary<string, SurveyAnswer>())));

    [Fact]
    public void ContainsHoldsExactlyWhenTheMultipleChoicePickedTheOption() =>
        Gen.Bool.Array[2].Sample(picks =>
        {
            var chosen = new[] { "pizza", "pasta" }.Where((_, i) => picks[i]).ToList();
            var answers = chosen.Count == 0 ? new Dictionary<string, SurveyAnswer>() : new Dictionary<string, SurveyAnswer> { ["food"] = new(Choices: chosen) };

            Assert.Equal(picks[1], SurveyFlow.Holds(new SurveyCondition("food", ConditionOperator.Contains, "pasta"), answers));
        });

    [Fact]
    public void EveryPathGoesForwardAndEnds() =>
        Gen.Select(Gen.Int[0, 10], Gen.Bool, Gen.Bool).Sample((score, pizza, pasta) =>
        {
            var fields = new List<(string, string)> { ("score", score.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (pizza) fields.Add(("food", "pizza"));
            if (pasta) fields.Add(("food", "pasta"));
            var path = SurveyFlow.Follow(Survey, Fields([.. fields])).Path;

            Assert.Equal(0, path[0]);
            Assert.True(path.Zip(path.Skip(1)).All(p => p.Second > p.First));
        });
}
