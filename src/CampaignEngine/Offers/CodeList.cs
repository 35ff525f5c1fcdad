namespace CampaignEngine.Offers;

/// <summary>
/// Cleans an uploaded list of codes, one per line: spaces around a code are trimmed, blank lines and repeats dropped (and
/// counted). A code that cannot be handed out safely is a problem that refuses the whole upload: longer than
/// <see cref="MaxLength"/>, characters outside printable ASCII or reserved in storage keys (<c>/ \ # ?</c>), or a first
/// character a spreadsheet reads as a formula (<c>= + - @</c>). Pure, so it is tested on its own.
/// </summary>
public static class CodeList
{
    public const int MaxLength = 64;
    public const int MaxCodes = 100_000;

    public static CodeListReport Clean(IEnumerable<string?> lines)
    {
        var codes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeats = new List<LineNote>();
        var problems = new List<LineNote>();
        var blank = 0;
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var code = raw?.Trim() ?? "";
            if (code.Length == 0)
            {
                blank++;
                continue;
            }
            if (ProblemOf(code) is { } problem) problems.Add(new LineNote(number, problem));
            else if (!seen.Add(code)) repeats.Add(new LineNote(number, "Already earlier in this list."));
            else codes.Add(code);
        }
        return new CodeListReport(codes, blank, repeats, problems);
    }

    public static string? ProblemOf(string code)
    {
        if (code.Length > MaxLength) return $"Longer than {MaxLength} characters.";
        if (code[0] is '=' or '+' or '-' or '@') return "Starts with a character spreadsheets read as a formula (= + - @).";
        foreach (var c in code)
        {
            if (c is < '!' or > '~') return "Use printable ASCII characters only (no spaces inside a code).";
            if (c is '/' or '\\' or '#' or '?') return "The characters / \\ # ? are not allowed in a code.";
        }
        return null;
    }
}

/// <summary>What cleaning found: the codes to import, and what was left out on which line (1-based) and why.</summary>
public sealed record CodeListReport(IReadOnlyList<string> Codes, int BlankLines, IReadOnlyList<LineNote> Repeats, IReadOnlyList<LineNote> Problems);

public sealed record LineNote(int Line, string Reason);
