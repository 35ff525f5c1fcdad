namespace CampaignEngine.Surveys;

/// <summary>
/// A checked answer to one question. <see cref="Choice"/>: single choice, dropdown, consent ("yes"), short and long text,
/// email and date; <see cref="Choices"/>: a multiple choice's picks, a ranking's options best first; <see cref="Number"/>:
/// rating, NPS and number; <see cref="Matrix"/>: row → column; <see cref="Other"/>: the text of an "other" choice.
/// </summary>
public sealed record SurveyAnswer(
    string? Choice = null,
    IReadOnlyList<string>? Choices = null,
    decimal? Number = null,
    IReadOnlyDictionary<string, string>? Matrix = null,
    string? Other = null);

/// <summary>Why an answer was refused: a code the page words in the fan's language, and its arguments.</summary>
public sealed record AnswerError(string Question, string Code, params object[] Args)
{
    /// <summary>The API's words for it.</summary>
    public string English => Code switch
    {
        AnswerErrors.Required => "Answer this question.",
        AnswerErrors.NotAnOption => "This is not one of the question's options.",
        AnswerErrors.OtherMissing => "Say what the other answer is.",
        AnswerErrors.OtherTooLong => $"The other answer is too long: at most {Args[0]} characters.",
        AnswerErrors.TooFew => $"Choose at least {Args[0]}.",
        AnswerErrors.TooMany => $"Choose at most {Args[0]}.",
        AnswerErrors.NotANumber => "Give a number.",
        AnswerErrors.OutOfRange => $"Give a number from {Args[0]} to {Args[1]}.",
        AnswerErrors.TooSmall => $"Give a number of at least {Args[0]}.",
        AnswerErrors.TooLarge => $"Give a number of at most {Args[0]}.",
        AnswerErrors.TooPrecise => "Give a number with at most two decimals.",
        AnswerErrors.TooLong => $"Too long: at most {Args[0]} characters.",
        AnswerErrors.NotAnEmail => "Give an email address, like name@example.com.",
        AnswerErrors.NotADate => "Give a date (year-month-day).",
        AnswerErrors.RowMissing => "Answer every row.",
        AnswerErrors.RankEvery => "Give every option its own rank.",
        AnswerErrors.UnknownQuestion => "This survey has no such question.",
        AnswerErrors.ResponseTooLong => "The answers are too long together; shorten the longest.",
        _ => "This answer is not valid.",
    };
}

public static class AnswerErrors
{
    public const string Required = "required";
    public const string NotAnOption = "not_an_option";
    public const string OtherMissing = "other_missing";
    public const string OtherTooLong = "other_too_long";
    public const string TooFew = "too_few";
    public const string TooMany = "too_many";
    public const string NotANumber = "not_a_number";
    public const string OutOfRange = "out_of_range";
    public const string TooSmall = "too_small";
    public const string TooLarge = "too_large";
    public const string TooPrecise = "too_precise";
    public const string TooLong = "too_long";
    public const string NotAnEmail = "not_an_email";
    public const string NotADate = "not_a_date";
    public const string RowMissing = "row_missing";
    public const string RankEvery = "rank_every";
    public const string UnknownQuestion = "unknown_question";
    public const string ResponseTooLong = "response_too_long";

    public static readonly IReadOnlyList<string> All =
    [
        Required, NotAnOption, OtherMissing, OtherTooLong, TooFew, TooMany, NotANumber, OutOfRange, TooSmall, TooLarge, TooPrecise, TooLong, NotAnEmail,
        NotADate, RowMissing, RankEvery, UnknownQuestion, ResponseTooLong,
    ];
}
