using System.Globalization;
using System.Net.Mail;

namespace CampaignEngine.Surveys;

/// <summary>
/// Reads one question's answer out of the raw fields a form posts (or a JSON body is turned into): <c>{id}</c>, its
/// <c>{id}.other</c> text, a matrix's <c>{id}.{row}</c> and a ranking's <c>{id}.{option}</c>. Pure, so every type's rules
/// are unit tested; a blank field is no answer, and only a required question refuses none.
/// </summary>
public static class AnswerReader
{
    public const int MaxOtherLength = 200;

    public static (SurveyAnswer? Answer, AnswerError? Error) Read(SurveyQuestion question, IReadOnlyDictionary<string, IReadOnlyList<string>> raw)
    {
        var (answer, error) = question.Type switch
        {
            QuestionType.Single or QuestionType.Dropdown => ReadSingle(question, raw),
            QuestionType.Multiple => ReadMultiple(question, raw),
            QuestionType.Rating or QuestionType.Nps or QuestionType.Number => ReadNumber(question, First(raw, question.Id)),
            QuestionType.Matrix => ReadMatrix(question, raw),
            QuestionType.Ranking => ReadRanking(question, raw),
            QuestionType.ShortText or QuestionType.LongText => ReadText(question, First(raw, question.Id)),
            QuestionType.Email => ReadEmail(question, First(raw, question.Id)),
            QuestionType.Date => ReadDate(question, First(raw, question.Id)),
            QuestionType.Consent => First(raw, question.Id) is "yes" or "on" or "true" ? (new SurveyAnswer(Choice: "yes"), null) : (null, null),
            _ => (null, null),
        };
        if (error is not null) return (null, error);
        if (answer is null && question.Required) return (null, new AnswerError(question.Id, question.Type == QuestionType.Matrix ? AnswerErrors.RowMissing : AnswerErrors.Required));
        return (answer, null);
    }

    /// <summary>The most characters a text question takes when it sets no <c>max</c>.</summary>
    public static int TextLimit(SurveyQuestion question) =>
        (int)(question.Max ?? (question.Type == QuestionType.LongText ? SurveySettingsValidator.DefaultLongText : SurveySettingsValidator.DefaultShortText));

    /// <summary>A rating's scale: 1 to this.</summary>
    public static int RatingScale(SurveyQuestion question) => (int)(question.Max ?? 5);

    public static (decimal Min, decimal Max) NumberRange(SurveyQuestion question) => question.Type switch
    {
        QuestionType.Rating => (1, RatingScale(question)),
        QuestionType.Nps => (0, 10),
        _ => (question.Min ?? decimal.MinValue, question.Max ?? decimal.MaxValue),
    };

    private static (SurveyAnswer?, AnswerError?) ReadSingle(SurveyQuestion question, IReadOnlyDictionary<string, IReadOnlyList<string>> raw)
    {
        if (First(raw, question.Id) is not { } picked) return (null, null);
        if (picked == SurveyQuestion.OtherOption && question.AllowOther && question.FindOption(picked) is null)
        {
            return Other(question, raw) is ({ } text, null) ? (new SurveyAnswer(Choice: picked, Other: text), null) : (null, Other(question, raw).Error);
        }
        return question.FindOption(picked) is null ? (null, new AnswerError(question.Id, AnswerErrors.NotAnOption)) : (new SurveyAnswer(Choice: picked), null);
    }

    private static (SurveyAnswer?, AnswerError?) ReadMultiple(SurveyQuestion question, IReadOnlyDictionary<string, IReadOnlyList<string>> raw)
    {
        var picked = Values(raw, question.Id).Distinct(StringComparer.Ordinal).ToList();
        if (picked.Count == 0) return (null, null);
        var other = question.AllowOther && question.FindOption(SurveyQuestion.OtherOption) is null;
        if (picked.Any(p => question.FindOption(p) is null && !(other && p == SurveyQuestion.OtherOption))) return (null, new AnswerError(question.Id, AnswerErrors.NotAnOption));
        var min = (int)(question.Min ?? 1);
        var max = (int)(question.Max ?? question.Options.Count + (other ? 1 : 0));
        if (picked.Count < min) return (null, new AnswerError(question.Id, AnswerErrors.TooFew, min));
        if (picked.Count > max) return (null, new AnswerError(question.Id, AnswerErrors.TooMany, max));
        string? otherText = null;
        if (picked.Contains(SurveyQuestion.OtherOption) && other)
        {
            var (text, error) = Other(question, raw);
            if (error is not null) return (null, error);
            otherText = text;
        }
        // In the question's order, so the same picks are always the same answer.
        var order = question.Options.Select(o => o.Id).Append(SurveyQuestion.OtherOption).ToList();
        return (new SurveyAnswer(Choices: picked.OrderBy(order.IndexOf).ToList(), Other: otherText), null);
    }

    private static (string? Text, AnswerError? Error) Other(SurveyQuestion question, IReadOnlyDictionary<string, IReadOnlyList<string>> raw)
    {
        var text = First(raw, question.Id + ".other")?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, new AnswerError(question.Id, AnswerErrors.OtherMissing));
        return text.Length > MaxOtherLength ? (null, new AnswerError(question.Id, AnswerErrors.OtherTooLong, MaxOtherLength)) : (text, null);
    }

    private static (SurveyAnswer?, AnswerError?) ReadNumber(SurveyQuestion question, string? text)
    {
        if (text is null) return (null, null);
        if (!TryParseNumber(text, out var value)) return (null, new AnswerError(question.Id, AnswerErrors.NotANumber));
        var (min, max) = NumberRange(question);
        var whole = question.Type != QuestionType.Number;
        if (value < min || value > max || (whole && value != decimal.Truncate(value))) return (null, RangeError(question, min, max));
        if (value * 100 != decimal.Truncate(value * 100)) return (null, new AnswerError(question.Id, AnswerErrors.TooPrecise));
        return (new SurveyAnswer(Number: value), null);
    }

    private static AnswerError RangeError(SurveyQuestion question, decimal min, decimal max) => (min, max) switch
    {
        (decimal.MinValue, _) => new AnswerError(question.Id, AnswerErrors.TooLarge, max),
        (_, decimal.MaxValue) => new AnswerError(question.Id, AnswerErrors.TooSmall, min),
        _ => new AnswerError(question.Id, AnswerErrors.OutOfRange, min, max),
    };

    /// <summary>A number as settings and conditions write it: invariant digits, an optional sign and decimal point.</summary>
    public static decimal? InvariantNumber(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>A number as typed: ASCII, Arabic-Indic or Persian digits, '.' (or the Arabic decimal separator) for the fraction.</summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        var ascii = new string(text.Trim().Select(c => c switch
        {
            >= '\u0660' and <= '\u0669' => (char)('0' + c - '\u0660'),
            >= '\u06F0' and <= '\u06F9' => (char)('0' + c - '\u06F0'),
            '\u066B' => '.',
            '\u2212' => '-',
            _ => c,
        }).ToArray());
        var parsed = InvariantNumber(ascii);
        value = parsed ?? 0;
        return parsed is not null && Math.Abs(value) < 1_000_000_000_000m;
    }

    private static (SurveyAnswer?, AnswerError?) ReadMatrix(SurveyQuestion question, IReadOnlyDictionary<string, IReadOnlyList<string>> raw)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in question.Rows)
        {
            if (First(raw, question.Id + "." + row.Id) is not { } column) continue;
            if (!question.Columns.Any(c => c.Id == column)) return (null, new AnswerError(question.Id, AnswerErrors.NotAnOption));
            cells[row.Id] = column;
        }
        if (cells.Count == 0) return (null, null);
        if (question.Required && cells.Count < question.Rows.Count) return (null, new AnswerError(question.Id, AnswerErrors.RowMissing));
        return (new SurveyAnswer(Matrix: cells), null);
    }

    private static (SurveyAnswer?, AnswerError?) ReadRanking(SurveyQuestion question, IReadOnlyDictionary<string, IReadOnlyList<string>> raw)
    {
        var ranks = new List<(string Option, int Rank)>();
        foreach (var option in question.Options)
        {
            if (First(raw, question.Id + "." + option.Id) is not { } text) continue;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rank) || rank < 1 || rank > question.Options.Count)
            {
                return (null, new AnswerError(question.Id, AnswerErrors.RankEvery));
            }
            ranks.Add((option.Id, rank));
        }
        if (ranks.Count == 0) return (null, null);
        // Every option ranked, each with its own place: a partial ranking says little.
        if (ranks.Count < question.Options.Count || ranks.Select(r => r.Rank).Distinct().Count() < ranks.Count)
        {
            return (null, new AnswerError(question.Id, AnswerErrors.RankEvery));
        }
        return (new SurveyAnswer(Choices: ranks.OrderBy(r => r.Rank).Select(r => r.Option).ToList()), null);
    }

    private static (SurveyAnswer?, AnswerError?) ReadText(SurveyQuestion question, string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        var limit = TextLimit(question);
        return text.Length > limit ? (null, new AnswerError(question.Id, AnswerErrors.TooLong, limit)) : (new SurveyAnswer(Choice: text), null);
    }

    private static (SurveyAnswer?, AnswerError?) ReadEmail(SurveyQuestion question, string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        var valid = text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);
        return valid ? (new SurveyAnswer(Choice: text), null) : (null, new AnswerError(question.Id, AnswerErrors.NotAnEmail));
    }

    private static (SurveyAnswer?, AnswerError?) ReadDate(SurveyQuestion question, string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (new SurveyAnswer(Choice: date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null)
            : (null, new AnswerError(question.Id, AnswerErrors.NotADate));
    }

    private static IEnumerable<string> Values(IReadOnlyDictionary<string, IReadOnlyList<string>> raw, string key) =>
        raw.TryGetValue(key, out var values) ? values.Where(v => !string.IsNullOrWhiteSpace(v)) : [];

    private static string? First(IReadOnlyDictionary<string, IReadOnlyList<string>> raw, string key) => Values(raw, key).FirstOrDefault();
}
