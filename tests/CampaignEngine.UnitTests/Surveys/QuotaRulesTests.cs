using CampaignEngine.Surveys;
using CampaignEngine.Surveys.Quotas;
using static CampaignEngine.UnitTests.Surveys.Surveys;

namespace CampaignEngine.UnitTests.Surveys;

public sealed class QuotaRulesTests
{
    private static readonly SurveySettings Survey = Valid("""
        { "hiddenFields": [ "store" ],
          "quotas": [
            { "id": "store-42", "limit": 500, "when": { "question": "hidden.store", "operator": "equals", "value": "42" } },
            { "id": "fans", "limit": 100, "when": { "question": "score", "operator": "greaterThan", "value": "8" }, "whenFull": "continue" },
            { "id": "pasta", "limit": 50, "when": { "question": "food", "operator": "contains", "value": "pasta" } } ],
          "responseLimit": 1000,
          "pages": [
            { "questions": [ { "id": "score", "type": "nps", "text": "NPS" } ] },
            { "questions": [ { "id": "food", "type": "multiple", "text": "Food", "options": [ { "id": "pizza", "label": "Pizza" }, { "id": "pasta", "label": "Pasta" } ] } ] } ] }
        """);

    private static SurveyQuota Quota(string id) => Survey.Quotas.Single(q => q.Id == id);

    [Fact]
    public void QuotasAreReadWithTheirConditionsAndWhatAFullOneDoes()
    {
        Assert.Equal(["store-42", "fans", "pasta"], Survey.Quotas.Select(q => q.Id));
        Assert.Equal(QuotaFull.Continue, Quota("fans").WhenFull);
        Assert.Equal(QuotaFull.End, Quota("store-42").WhenFull);
        Assert.Equal(1000, Survey.ResponseLimit);
        // A quota may test any page's answer: it is judged on the whole response.
        Assert.Equal(new SurveyCondition("food", ConditionOperator.Contains, "pasta"), Quota("pasta").When);
    }

    [Fact]
    public void AResponseMeetsAQuotaByItsAnswersAndItsHiddenFields()
    {
        var response = new SurveyResponseData
        {
            Scale = new() { ["score"] = 9 }, Choices = new() { ["food"] = ["pizza"] }, Hidden = new() { ["store"] = "42" },
        };

        Assert.True(QuotaRules.Matches(Quota("store-42"), Survey, response));
        Assert.True(QuotaRules.Matches(Quota("fans"), Survey, response));
        Assert.False(QuotaRules.Matches(Quota("pasta"), Survey, response));
        Assert.False(QuotaRules.Matches(Quota("store-42"), Survey, response with { Hidden = null }));
    }

    [Theory]
    [InlineData("""{ "id": "q", "limit": 5, "when": { "question": "hidden.city", "operator": "equals", "value": "x" } }""", "quotas[0].when.question")]
    [InlineData("""{ "id": "q", "limit": 5, "when": { "question": "hidden.store", "operator": "greaterThan", "value": "3" } }""", "quotas[0].when.operator")]
    [InlineData("""{ "id": "q", "limit": 5, "when": { "question": "score", "operator": "equals", "value": "ten" } }""", "quotas[0].when.value")]
    [InlineData("""{ "id": "q", "limit": 5 }""", "quotas[0]")]
    public void AQuotaThatCouldNeverBeJudgedIsRefused(string quota, string field) =>
        Assert.Contains(field, Check($$"""
            { "hiddenFields": [ "store" ], "quotas": [ {{quota}} ], "pages": [ { "questions": [ { "id": "score", "type": "nps", "text": "NPS" } ] } ] }
            """).Errors.Keys);
}
