using CampaignEngine.Surveys;
using static CampaignEngine.UnitTests.Surveys.Surveys;

namespace CampaignEngine.UnitTests.Surveys;

public sealed class AnswerReaderTests
{
    private static (SurveyAnswer? Answer, AnswerError? Error) Read(string question, params (string, string)[] fields) =>
        AnswerReader.Read(OnePage(question).Questions.Single(), Fields(fields));

    private static string? ErrorOf(string question, params (string, string)[] fields) => Read(question, fields).Error?.Code;

    private const string Single = """{ "id": "s", "type": "single", "text": "T", "required": true, "allowOther": true, "options": [ { "id": "a", "label": "A" }, { "id": "b", "label": "B" } ] }""";
    private const string Multiple = """{ "id": "m", "type": "multiple", "text": "T", "min": 1, "max": 2, "options": [ { "id": "a", "label": "A" }, { "id": "b", "label": "B" }, { "id": "c", "label": "C" } ] }""";

    [Fact]
    public void ASingleChoiceTakesOneOfItsOptionsOrOtherWithItsText()
    {
        Assert.Equal("b", Read(Single, ("s", "b")).Answer!.Choice);
        Assert.Equal(new SurveyAnswer(Choice: "other", Other: "Soup"), Read(Single, ("s", "other"), ("s.other", " Soup ")).Answer);
        Assert.Equal(AnswerErrors.OtherMissing, ErrorOf(Single, ("s", "other"), ("s.other", "  ")));
        Assert.Equal(AnswerErrors.OtherTooLong, ErrorOf(Single, ("s", "other"), ("s.other", new string('x', 201))));
        Assert.Equal(AnswerErrors.NotAnOption, ErrorOf(Single, ("s", "zzz")));
        Assert.Equal(AnswerErrors.Required, ErrorOf(Single));
        Assert.Equal(AnswerErrors.Required, ErrorOf(Single, ("s", " ")));
    }

    [Fact]
    public void AMultipleChoiceKeepsItsPicksInTheQuestionsOrderWithinItsMinAndMax()
    {
        Assert.Equal(["a", "c"], Read(Multiple, ("m", "c"), ("m", "a"), ("m", "c")).Answer!.Choices);
        Assert.Equal(AnswerErrors.TooMany, ErrorOf(Multiple, ("m", "a"), ("m", "b"), ("m", "c")));
        Assert.Null(Read(Multiple).Answer);
        Assert.Null(Read(Multiple).Error);
    }

    [Theory]
    [InlineData("""{ "id": "r", "type": "rating", "text": "T", "max": 10 }""", "7", null)]
    [InlineData("""{ "id": "r", "type": "rating", "text": "T" }""", "6", AnswerErrors.OutOfRange)]
    [InlineData("""{ "id": "r", "type": "rating", "text": "T" }""", "2.5", AnswerErrors.OutOfRange)]
    [InlineData("""{ "id": "r", "type": "nps", "text": "T" }""", "0", null)]
    [InlineData("""{ "id": "r", "type": "nps", "text": "T" }""", "11", AnswerErrors.OutOfRange)]
    [InlineData("""{ "id": "r", "type": "number", "text": "T", "min": 0 }""", "-1", AnswerErrors.TooSmall)]
    [InlineData("""{ "id": "r", "type": "number", "text": "T", "max": 10 }""", "12", AnswerErrors.TooLarge)]
    [InlineData("""{ "id": "r", "type": "number", "text": "T" }""", "3.14", null)]
    [InlineData("""{ "id": "r", "type": "number", "text": "T" }""", "3.141", AnswerErrors.TooPrecise)]
    [InlineData("""{ "id": "r", "type": "number", "text": "T" }""", "three", AnswerErrors.NotANumber)]
    [InlineData("""{ "id": "r", "type": "number", "text": "T" }""", "۱۲", null)]
    [InlineData("""{ "id": "r", "type": "number", "text": "T" }""", "1e3", AnswerErrors.NotANumber)]
    public void NumbersAreCheckedAgainstTheirScaleOrRange(string question, string typed, string? error) => Assert.Equal(error, ErrorOf(question, ("r", typed)));

    [Fact]
    public void PersianDigitsAreReadAsTheNumberTheyWrite() =>
        Assert.Equal(12m, Read("""{ "id": "r", "type": "number", "text": "T" }""", ("r", "۱۲")).Answer!.Number);

    [Fact]
    public void AMatrixTakesAColumnPerRowAndARequiredOneEveryRow()
    {
        const string matrix = """{ "id": "x", "type": "matrix", "text": "T", "required": true, "rows": [ { "id": "taste", "label": "Taste" }, { "id": "price", "label": "Price" } ], "columns": [ { "id": "bad", "label": "Bad" }, { "id": "good", "label": "Good" } ] }""";

        Assert.Equal(new Dictionary<string, string> { ["taste"] = "good", ["price"] = "bad" },
            Read(matrix, ("x.taste", "good"), ("x.price", "bad")).Answer!.Matrix);
        Assert.Equal(AnswerErrors.RowMissing, ErrorOf(matrix, ("x.taste", "good")));
        Assert.Equal(AnswerErrors.NotAnOption, ErrorOf(matrix, ("x.taste", "meh"), ("x.price", "bad")));
    }

    [Fact]
    public void ARankingGivesEveryOptionItsOwnPlace()
    {
        const string ranking = """{ "id": "k", "type": "ranking", "text": "T", "options": [ { "id": "a", "label": "A" }, { "id": "b", "label": "B" }, { "id": "c", "label": "C" } ] }""";

        Assert.Equal(["b", "c", "a"], Read(ranking, ("k.a", "3"), ("k.b", "1"), ("k.c", "2")).Answer!.Choices);
        Assert.Equal(AnswerErrors.RankEvery, ErrorOf(ranking, ("k.a", "1"), ("k.b", "1"), ("k.c", "2")));
        Assert.Equal(AnswerErrors.RankEvery, ErrorOf(ranking, ("k.a", "1"), ("k.b", "2")));
        Assert.Equal(AnswerErrors.RankEvery, ErrorOf(ranking, ("k.a", "4"), ("k.b", "1"), ("k.c", "2")));
    }

    [Theory]
    [InlineData("""{ "id": "t", "type": "shortText", "text": "T", "max": 5 }""", "  hello ", null)]
    [InlineData("""{ "id": "t", "type": "shortText", "text": "T", "max": 5 }""", "hello!", AnswerErrors.TooLong)]
    [InlineData("""{ "id": "t", "type": "email", "text": "T" }""", "ana@example.com", null)]
    [InlineData("""{ "id": "t", "type": "email", "text": "T" }""", "Ana <ana@example.com>", AnswerErrors.NotAnEmail)]
    [InlineData("""{ "id": "t", "type": "email", "text": "T" }""", "ana@localhost", AnswerErrors.NotAnEmail)]
    [InlineData("""{ "id": "t", "type": "date", "text": "T" }""", "2026-07-01", null)]
    [InlineData("""{ "id": "t", "type": "date", "text": "T" }""", "2026-02-30", AnswerErrors.NotADate)]
    [InlineData("""{ "id": "t", "type": "date", "text": "T" }""", "01/07/2026", AnswerErrors.NotADate)]
    public void WrittenAnswersAreCheckedForLengthAndForm(string question, string typed, string? error) => Assert.Equal(error, ErrorOf(question, ("t", typed)));

    [Fact]
    public void ARequiredConsentMustBeTicked()
    {
        const string consent = """{ "id": "ok", "type": "consent", "text": "I agree to the rules", "required": true }""";

        Assert.Equal("yes", Read(consent, ("ok", "on")).Answer!.Choice);
        Assert.Equal(AnswerErrors.Required, ErrorOf(consent));
    }

    [Fact]
    public void EveryErrorCodeHasEnglishWordsAndEveryLocaleWordsItToo()
    {
        var strings = CampaignEngine.UnitTests.Kinds.TestKinds.All.Get("survey").Strings;
        foreach (var code in AnswerErrors.All)
        {
            Assert.NotEqual("This answer is not valid.", new AnswerError("q", code, 1, 2).English);
            foreach (var locale in CampaignEngine.Campaigns.Locales.Supported) Assert.Contains("survey_error_" + code, strings.For(locale).Keys);
        }
    }
}
